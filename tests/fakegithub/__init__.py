"""A stateful fake of GitHub's REST API, for PyGithub to run against unmodified.

    with serve() as fake:                       # or the ``fake_github`` fixture (fixtures.py)
        fake.world.seed_files("jassics/sq", {"a.md": "# A\n"})
        fake.world.seed_git("jassics/sq", clone, "d922c63")   # real objects, real shas
        fake.inject("PUT", "/repos/{owner}/{repo}/contents/{path}", Fault.after(502))
        Github(base_url=fake.base, auth=Auth.Token(fake.token)) …
        fake.requests("GET", "/repos/{owner}/{repo}/contents/{path}")   # what was asked

Layout: ``state`` (accounts, repositories, pulls) over ``objects`` (a git object store with
git's shas); ``routes_*`` one module per area, each handler a function registered with
``@route(METHOD, template)`` using the description's own path templates; ``app`` (auth, rate
limits, ETag/304, faults, recording); ``validation`` (openapi-core against ../shared/github);
``faults`` (what can go wrong); ``shapes`` (JSON built on ``skeletons.json``).
To add an endpoint: write a handler in a ``routes_*`` module; it is routed, recorded and
validated like every other.
"""

from tests.fakegithub.app import FakeGitHub
from tests.fakegithub.faults import Fault
from tests.fakegithub.server import serve
from tests.fakegithub.state import World

__all__ = ["FakeGitHub", "Fault", "World", "serve"]
