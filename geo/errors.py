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


class CoordinateError(BorderAtlasError, ValueError):
    """A coordinate could not be parsed or lies outside the area it must be in."""


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


class StoreError(BorderAtlasError):
    """The embedded store could not read or write a record."""
