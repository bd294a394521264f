"""Catch every log record at every level, to prove people's data stays out."""

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")


class _Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = f"{record.name} {record.levelname} {record.getMessage()}"
        if record.exc_info:
            text += "\n" + logging.Formatter().formatException(record.exc_info)
        self.lines.append(text)


# Turned up to DEBUG even where the settings keep them quieter.
LOUD = ("django.request", "django.server", "axes", "allauth", "kamrat")


@contextmanager
def all_log_records() -> Iterator[list[str]]:
    """The root logger and LOUD at DEBUG, each record's text kept, then restored.

    Other loggers keep the level the settings give them (most inherit DEBUG
    from the root); a logger that settings pin quieter is part of what is tested.
    """
    keep = _Keep()
    known = [
        logging.getLogger(name)
        for name in list(logging.root.manager.loggerDict)
        if not isinstance(logging.root.manager.loggerDict[name], logging.PlaceHolder)
    ]
    loud = [logging.getLogger()] + [logging.getLogger(name) for name in LOUD]
    saved = [(logger, logger.level, logger.disabled) for logger in known + loud]
    for logger in loud:
        logger.setLevel(logging.DEBUG)
    for logger in known + loud:
        logger.disabled = False
        if not logger.propagate or logger is logging.getLogger():
            logger.addHandler(keep)
    try:
        yield keep.lines
    finally:
        for logger, level, disabled in saved:
            logger.setLevel(level)
            logger.disabled = disabled
            logger.removeHandler(keep)


def personal_data_in(lines: list[str], *, names: list[str], ips: list[str]) -> list:
    """Lines that hold an email address, a name, or an IP address."""
    found = []
    for line in lines:
        if EMAIL.search(line):
            found.append(("email", line))
        for name in names:
            if name.lower() in line.lower():
                found.append(("name", line))
        for ip in ips:
            if ip in line:
                found.append(("ip", line))
    return found
