"""Small domain exceptions. Every message says what is wrong and how to fix it."""

from __future__ import annotations

from typing import Self

from i18n.messages import message


class BorderAtlasError(Exception):
    """Base class of every error Border Atlas raises on purpose."""


class DataFileError(BorderAtlasError):
    """An input file of the data catalogue is missing, altered or unreadable."""


class SchemaError(BorderAtlasError):
    """A layer does not match its declared schema."""


class UserInputError(BorderAtlasError, ValueError):
    """An upload or typed value is not usable.

    ``message_vi`` is shown to the user first; ``message_en`` is the English text.
    """

    def __init__(self, message_vi: str, message_en: str) -> None:
        super().__init__(f"{message_vi} / {message_en}")
        self.message_vi = message_vi
        self.message_en = message_en

    @classmethod
    def of(cls, key: str, /, **values: object) -> Self:
        """The error whose words are message ``key`` of the catalogue, in both languages.

        Examples
        --------
        >>> UserInputError.of("upload.empty").message("en")
        'The file is empty.'
        """
        return cls(message(key, "vi", **values), message(key, "en", **values))

    def message(self, lang: str = "vi") -> str:
        """Return the message in ``lang`` ("vi" or "en")."""
        return self.message_vi if lang == "vi" else self.message_en


class CoordinateError(UserInputError):
    """A typed coordinate could not be read or lies outside Vietnam, in both languages.

    Raised by :mod:`geo.crs` with a key of the catalogue (``i18n/text_coords.py``) that says
    what is wrong and how to fix it; ``key`` keeps that key (for tests and the server log).

    Examples
    --------
    >>> error = CoordinateError.of("coords.error.empty")
    >>> error.key, isinstance(error, ValueError)
    ('coords.error.empty', True)
    >>> error.message("en")
    'No coordinates given: write e.g. 20.2969, 104.6224.'
    """

    key: str = ""

    @classmethod
    def of(cls, key: str, /, **values: object) -> Self:
        """The error whose words are message ``key``, in both languages, remembering the key."""
        error = super().of(key, **values)
        error.key = key
        return error


class AccessDenied(UserInputError):
    """The signed-in user's role does not allow this action (checked on the server).

    Examples
    --------
    >>> "viewer" in AccessDenied.of("access.denied", role="xem", role_en="viewer",
    ...                              action="import").message("en")
    True
    """


class LoginError(UserInputError):
    """A sign-in was refused: wrong name or password, or the account is locked (``locked``)."""

    locked: bool = False


class StoreError(BorderAtlasError):
    """The embedded store could not read or write a record."""


class PlanExistsError(UserInputError):
    """Saving would replace a stored plan the user did not open, or one changed since.

    ``stored_version`` is the version in the store; ``changed_since_opened`` says whether the
    user opened this plan and someone saved it again meanwhile (else the name is simply taken).
    The page asks: replace it, or save under another name.

    Examples
    --------
    >>> error = PlanExistsError.taken("Trip", stored_version=2)
    >>> error.stored_version, error.changed_since_opened
    (2, False)
    >>> "Trip" in error.message("en")
    True
    """

    def __init__(
        self,
        message_vi: str,
        message_en: str,
        *,
        name: str = "",
        stored_version: int = 0,
        changed_since_opened: bool = False,
    ) -> None:
        super().__init__(message_vi, message_en)
        self.name = name
        self.stored_version = stored_version
        self.changed_since_opened = changed_since_opened

    @classmethod
    def taken(
        cls, name: str, *, stored_version: int, changed_since_opened: bool = False
    ) -> PlanExistsError:
        """The error for plan ``name``, in both languages."""
        key = "plan.error.changed_since_opened" if changed_since_opened else "plan.error.name_taken"
        return cls(
            message(key, "vi", name=name, version=stored_version),
            message(key, "en", name=name, version=stored_version),
            name=name,
            stored_version=stored_version,
            changed_since_opened=changed_since_opened,
        )
