"""Observation photos: checked by their bytes, cleaned and made small enough to keep.

Every photo that enters the store (the field pack's export, an ODK attachment) goes through
:func:`normalise_photo`:

* its type is read from its bytes, not its name: JPEG, PNG or WebP only (Pillow, limited to
  those three formats);
* an image over :data:`geo.settings.PHOTO_MAX_PIXELS` is refused from its header, before any
  pixel is decoded (a "decompression bomb"); Pillow's own bomb guard is caught too;
* it is decoded fully (a truncated or damaged file is refused, not half-kept); of an animated
  or multi-frame image only the first frame is kept;
* the EXIF orientation is applied, then every piece of metadata is dropped (EXIF with its GPS
  position, XMP, ICC, comments): the pixels are copied into a fresh image;
* it is scaled down to :data:`geo.settings.PHOTO_MAX_PX` on its longest side and encoded as JPEG
  under :data:`geo.settings.PHOTO_TARGET_BYTES` (lower qualities first, then smaller sides), and
  never over :data:`geo.settings.PHOTO_MAX_BYTES`;
* a :data:`geo.settings.THUMB_PX` thumbnail is made.

Examples
--------
>>> import io
>>> from PIL import Image
>>> buffer = io.BytesIO()
>>> Image.new("RGB", (3200, 1200), "green").save(buffer, "PNG")
>>> photo = normalise_photo(buffer.getvalue(), name="photos/a-1.png")
>>> photo.mime, photo.width, photo.height, photo.body[:3] == b"\\xff\\xd8\\xff"
('image/jpeg', 1600, 600, True)
>>> try:
...     normalise_photo(b"%PDF-1.7", name="scan.pdf")
... except PhotoRefused as refused:
...     print(refused.message("en"))
Photo scan.pdf is not a JPEG, PNG or WebP image.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageOps, UnidentifiedImageError

from geo import settings
from geo.errors import UserInputError
from i18n.messages import message
from i18n.numbers import format_number
from layers.observations import Photo

FORMATS = ("JPEG", "PNG", "WEBP")
"""The image formats accepted (by their bytes)."""
QUALITIES = (85, 78, 70, 62, 54, 46)
"""JPEG qualities tried in turn until the photo fits :data:`geo.settings.PHOTO_TARGET_BYTES`."""
SHRINK = 0.8
"""How much the sides shrink when even the lowest quality does not fit."""
THUMB_QUALITY = 70

_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, zlib.error)
"""What Pillow raises on a damaged or truncated file (``OSError``: "image file is truncated")."""


class PhotoRefused(UserInputError):
    """A photo is not an image this app keeps; the message names it and says why."""


def _is_accepted_type(data: bytes) -> bool:
    jpeg = data.startswith(b"\xff\xd8\xff")
    png = data.startswith(b"\x89PNG\r\n\x1a\n")
    webp = data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return jpeg or png or webp


def _too_many_pixels(name: str, pixels: int | None) -> PhotoRefused:
    limit = settings.PHOTO_MAX_PIXELS // 1_000_000
    shown = {
        lang: "?" if pixels is None else format_number(pixels / 1e6, lang=lang, decimals=1)
        for lang in ("vi", "en")
    }
    key = "obs_file.photo_too_many_pixels"
    return PhotoRefused(
        message(key, "vi", name=name, pixels=shown["vi"], limit=limit),
        message(key, "en", name=name, pixels=shown["en"], limit=limit),
    )


def _decoded(data: bytes, *, name: str) -> Image.Image:
    """Frame 0 of the image in ``data``, fully decoded, upright, RGB, without any metadata."""
    if not _is_accepted_type(data):
        raise PhotoRefused.of("obs_file.photo_not_image", name=name)
    try:
        with Image.open(io.BytesIO(data), formats=FORMATS) as img:
            width, height = img.size
            if width * height > settings.PHOTO_MAX_PIXELS:
                raise _too_many_pixels(name, width * height)
            img.seek(0)  # an animated image: its first frame only
            if img.format == "JPEG":  # decode at a reduced scale where the JPEG allows it
                img.draft("RGB", (settings.PHOTO_MAX_PX, settings.PHOTO_MAX_PX))
            img.load()
            upright = ImageOps.exif_transpose(img)
            rgb = _flattened(upright)
    except PhotoRefused:  # a ValueError too: not "damaged"
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels(name, None) from None
    except UnidentifiedImageError:
        raise PhotoRefused.of("obs_file.photo_not_image", name=name) from None
    except _DECODE_ERRORS:
        raise PhotoRefused.of("obs_file.photo_damaged", name=name) from None
    clean = Image.new("RGB", rgb.size)  # a fresh image: no EXIF, XMP, ICC or comment follows
    clean.paste(rgb)
    return clean


def _flattened(img: Image.Image) -> Image.Image:
    """``img`` as RGB; transparent parts become white (JPEG has no transparency)."""
    if img.mode in ("RGBA", "LA", "P", "PA") or "transparency" in img.info:
        rgba = img.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return img.convert("RGB")


def _scaled(img: Image.Image, longest: int) -> Image.Image:
    width, height = img.size
    if max(width, height) <= longest:
        return img
    factor = longest / max(width, height)
    size = (max(1, round(width * factor)), max(1, round(height * factor)))
    return img.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _jpeg(img: Image.Image, quality: int) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _encoded(img: Image.Image) -> tuple[bytes, Image.Image]:
    """The JPEG bytes of ``img`` under the target size, and the image they show."""
    current = _scaled(img, settings.PHOTO_MAX_PX)
    while True:
        body = b""
        for quality in QUALITIES:
            body = _jpeg(current, quality)
            if len(body) <= settings.PHOTO_TARGET_BYTES:
                return body, current
        if max(current.size) <= settings.THUMB_PX:
            return body, current
        current = _scaled(current, int(max(current.size) * SHRINK))


def normalise_photo(data: bytes, *, name: str) -> Photo:
    """The photo in ``data`` as it is stored: a clean JPEG within the size limits, with a thumb.

    Parameters
    ----------
    data
        The file's bytes (JPEG, PNG or WebP).
    name
        The name it came with (shown in a refusal and kept in :attr:`Photo.name`).

    Raises
    ------
    PhotoRefused
        Not a JPEG/PNG/WebP image, damaged or truncated, or more pixels than
        :data:`geo.settings.PHOTO_MAX_PIXELS`.
    """
    img = _decoded(data, name=name)
    body, shown = _encoded(img)
    thumb_img = _scaled(shown, settings.THUMB_PX)
    return Photo(
        name=name,
        mime="image/jpeg",
        body=body,
        width=shown.width,
        height=shown.height,
        thumb=_jpeg(thumb_img, THUMB_QUALITY),
    )


def smaller_jpeg(data: bytes, *, longest: int, quality: int) -> bytes:
    """A stored JPEG (a photo or its thumbnail) at most ``longest`` pixels on its longest side,
    re-encoded at ``quality``; ``b""`` when it cannot be read (no picture rather than an error).

    Examples
    --------
    >>> buffer = io.BytesIO()
    >>> Image.new("RGB", (240, 180), "#468").save(buffer, "JPEG")
    >>> Image.open(io.BytesIO(smaller_jpeg(buffer.getvalue(), longest=96, quality=60))).size
    (96, 72)
    >>> smaller_jpeg(b"not a picture", longest=96, quality=60)
    b''
    """
    try:
        with Image.open(io.BytesIO(data), formats=("JPEG",)) as img:
            img.load()
            small = _scaled(img.convert("RGB"), longest)
    except (OSError, ValueError, Image.DecompressionBombError):
        return b""
    return _jpeg(small, quality)
