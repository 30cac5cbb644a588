"""The one exception type participants and facilitators see.

Every public helper turns bad input into a ``WorkshopError`` whose message says what
happened *and what to do next*, so a widget can show it as plain text instead of a traceback.
"""


class WorkshopError(Exception):
    """A problem the person at the keyboard can fix; the message says how."""


class DataError(WorkshopError):
    """A data set is missing, unknown, or does not match its schema."""


class AnswerStoreError(WorkshopError):
    """Saved answers could not be read or written."""


class UnknownQuestionError(WorkshopError):
    """A question id that no course module defines."""
