"""Serving the fake on 127.0.0.1:0 in a thread, and the pytest fixture around it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server

from tests.conftest import SHARED
from tests.fakegithub.app import FakeGitHub
from tests.fakegithub.state import World
from tests.fakegithub.validation import Validator

DESCRIPTION = SHARED / "github" / "api.github.com.qsync-subset.json"


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: object, **kwargs: object) -> None:
        pass  # the fake records every exchange itself


@contextmanager
def serve(
    world: World | None = None, *, validate: bool = True, prefix: str = ""
) -> Iterator[FakeGitHub]:
    """A running fake; ``fake.base`` is its API root (``prefix`` "/api/v3" mimics Enterprise).

    Validation needs ../shared/github; without it the fake serves unchecked.
    """
    validator = Validator(DESCRIPTION) if validate and DESCRIPTION.is_file() else None
    fake = FakeGitHub(world, validator=validator, prefix=prefix)
    server = make_server("127.0.0.1", 0, fake, threaded=True, request_handler=_Quiet)
    fake.base = f"http://127.0.0.1:{server.server_port}{fake.prefix}"
    thread = threading.Thread(
        target=server.serve_forever, args=(0.05,), name="fake-github", daemon=True
    )
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
