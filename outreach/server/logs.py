"""Structured server logs: one JSON object per line, with a fixed vocabulary of keys.

Only what operations need goes in: event, method, path, status, duration, device id, counts.
Never a token, an enrolment code, a request body or any resident's data — the log is written by
code that only ever sees those names, so a new call site cannot leak a body by accident.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

ALLOWED_KEYS = frozenset(
    {"event", "method", "path", "status", "duration_ms", "device_id", "ward_id", "reason", "applied",
     "rejected", "retryable", "rows", "since", "has_more", "host", "port", "tls", "db", "from_rev", "bytes",
     "ahead_ms", "devices",
     # the office's catalogue changes (server/catalogue_office.py): who, what, which procedure, which fields
     "by", "action", "code", "fields",
     # the office console (outreach/console): which account, never its login or password
     "account_id",
     # the office's days off (server/days_off.py): which day (a date, no personal data)
     "day"}
)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key in ALLOWED_KEYS:
            if key in record.__dict__:
                data[key] = record.__dict__[key]
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info).splitlines()[-1]
        return json.dumps(data, ensure_ascii=False)


def setup_logging(log_file: Path | None = None, level: int = logging.INFO) -> None:
    """Send ``outreach.server`` logs as JSON lines to stderr and, if given, a file."""
    logger = logging.getLogger("outreach.server")
    logger.setLevel(level)
    logger.propagate = False
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()  # a log file of an earlier call (a second command in one process)
    handlers: list[logging.Handler] = [logging.StreamHandler(sys.stderr)]
    if log_file is not None:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(JsonFormatter())
        logger.addHandler(handler)
