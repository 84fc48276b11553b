"""qsync keeps a site's interview-question pages and an upstream repository in step."""

__version__ = "0.1.0"
