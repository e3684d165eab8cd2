"""Observation photos (:mod:`userdata.photos`): type by bytes, size, metadata, damage, bombs."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from geo import settings
from userdata.photos import PhotoRefused, normalise_photo


def _jpeg(img: Image.Image, **save: object) -> bytes:
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", **save)
    return buffer.getvalue()


def _noise(width: int, height: int, seed: int = 0) -> Image.Image:
    pixels = np.random.default_rng(seed).integers(0, 256, (height, width, 3), dtype=np.uint8)
    return Image.fromarray(pixels)


def _opened(body: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(body))
    img.load()
    return img


def test_a_4000_by_3000_noisy_jpeg_is_stored_within_the_limits() -> None:
    data = _jpeg(_noise(4000, 3000), quality=95)
    assert len(data) > 10_000_000  # noise barely compresses: the worst case for the encoder
    photo = normalise_photo(data, name="photos/x-1.jpg")
    assert len(photo.body) <= settings.PHOTO_MAX_BYTES
    assert max(photo.width, photo.height) <= settings.PHOTO_MAX_PX
    assert (photo.width, photo.height) == (1600, 1200)
    stored = _opened(photo.body)
    assert stored.format == "JPEG" and stored.size == (1600, 1200)
    thumb = _opened(photo.thumb)
    assert max(thumb.size) == settings.THUMB_PX and thumb.format == "JPEG"


def test_a_1_mb_jpeg_is_re_encoded_under_400_kb() -> None:
    data = _jpeg(_noise(1400, 1000, seed=1), quality=92)
    assert len(data) > 1_000_000
    photo = normalise_photo(data, name="big.jpg")
    assert len(photo.body) <= settings.PHOTO_MAX_BYTES
    assert photo.mime == "image/jpeg" and photo.name == "big.jpg"
    assert _opened(photo.body).size == (photo.width, photo.height)


def _gps_exif_jpeg() -> bytes:
    img = Image.new("RGB", (400, 300), (40, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (19.0, 22.0, 48.0), 3: "E", 4: (104.0, 7.0, 12.0)})
    return _jpeg(img, exif=exif.tobytes())


def test_gps_exif_does_not_survive() -> None:
    data = _gps_exif_jpeg()
    assert 0x8825 in _opened(data).getexif()  # the input does carry a GPS position
    photo = normalise_photo(data, name="gps.jpg")
    for body in (photo.body, photo.thumb):
        out = _opened(body)
        assert not out.getexif()
        assert b"Exif" not in body and b"PhoneMaker" not in body
        assert "icc_profile" not in out.info and "xmp" not in out.info


def test_exif_orientation_is_applied_before_it_is_dropped() -> None:
    img = Image.new("RGB", (200, 100), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise to show
    photo = normalise_photo(_jpeg(img, exif=exif.tobytes()), name="turned.jpg")
    assert (photo.width, photo.height) == (100, 200)
    assert not _opened(photo.body).getexif()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that claims ``width``×``height`` pixels (its data is a few bytes)."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.mark.parametrize(("width", "height"), [(10_000, 6_000), (30_000, 30_000)])
def test_too_many_pixels_are_refused_from_the_header(width: int, height: int) -> None:
    with pytest.raises(PhotoRefused) as refused:  # refused from the header: no pixel data
        normalise_photo(_png_header(width, height), name="huge.png")
    assert "huge.png" in refused.value.message("en")
    assert "too many pixels" in refused.value.message("en")
    assert "quá nhiều điểm ảnh" in refused.value.message("vi")


def test_a_truncated_jpeg_is_refused_not_half_kept() -> None:
    data = _jpeg(_noise(800, 600), quality=90)
    with pytest.raises(PhotoRefused) as refused:
        normalise_photo(data[: len(data) // 2], name="cut.jpg")
    assert refused.value.message("en") == "Photo cut.jpg is damaged or incomplete."


def test_a_png_cut_in_its_header_is_refused() -> None:
    with pytest.raises(PhotoRefused) as refused:
        normalise_photo(_png_header(100, 100)[:20], name="cut.png")
    assert "cut.png" in refused.value.message("en")


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7 ...",
        b"GIF89a" + b"\x00" * 40,
        b"II*\x00" + b"\x00" * 40,
        b"<svg xmlns='http://www.w3.org/2000/svg'/>",
        b"PK\x03\x04",
        b"",
    ],
)
def test_what_is_not_a_jpeg_png_or_webp_is_refused(data: bytes) -> None:
    with pytest.raises(PhotoRefused) as refused:
        normalise_photo(data, name="file.jpg")
    assert refused.value.message("en") == "Photo file.jpg is not a JPEG, PNG or WebP image."


def test_a_jpeg_name_on_png_bytes_is_read_by_its_bytes() -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), "blue").save(buffer, "PNG")
    photo = normalise_photo(buffer.getvalue(), name="photo.jpg")
    assert (photo.width, photo.height) == (50, 40) and photo.body.startswith(b"\xff\xd8")


def test_an_animated_image_keeps_its_first_frame_only() -> None:
    frames = [Image.new("RGB", (64, 64), colour) for colour in ("red", "blue", "green")]
    buffer = io.BytesIO()
    frames[0].save(buffer, "WEBP", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(buffer.getvalue())).n_frames == 3
    photo = normalise_photo(buffer.getvalue(), name="anim.webp")
    out = _opened(photo.body)
    assert getattr(out, "n_frames", 1) == 1
    red, green, blue = out.getpixel((32, 32))
    assert red > 200 and green < 60 and blue < 60


def test_transparency_becomes_white() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (30, 30), (0, 0, 0, 0)).save(buffer, "PNG")
    out = _opened(normalise_photo(buffer.getvalue(), name="clear.png").body)
    assert all(value > 245 for value in out.getpixel((15, 15)))


def test_a_small_photo_keeps_its_size() -> None:
    photo = normalise_photo(_jpeg(_noise(640, 480, seed=3)), name="small.jpg")
    assert (photo.width, photo.height) == (640, 480)
    assert len(photo.body) <= settings.PHOTO_TARGET_BYTES
