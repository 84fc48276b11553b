"""Result data that commands produce and reporters consume (lint findings, diff and sync reports).

Plain frozen dataclasses at the ground floor, so that reporters (``qsync.report``) can take
them without importing the layers that make them.
"""
