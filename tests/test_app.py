"""App logic through Streamlit's AppTest: pages, language switch, unavailable layers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import settings

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def _app(data_dir: Path | None = None, *, page: str | None = None) -> AppTest:
    if data_dir is not None:
        os.environ[settings.DATA_DIR_ENV] = str(data_dir)
    app = AppTest.from_file(APP, default_timeout=120)
    return app


@pytest.fixture(autouse=True)
def _restore_env():
    before = os.environ.get(settings.DATA_DIR_ENV)
    yield
    if before is None:
        os.environ.pop(settings.DATA_DIR_ENV, None)
    else:
        os.environ[settings.DATA_DIR_ENV] = before


def test_data_page_lists_every_layer_with_its_count() -> None:
    from ui.state import get_atlas

    get_atlas.clear()
    app = _app().run()
    assert not app.exception
    tables = [frame.value for frame in app.dataframe]
    layers = tables[0]
    counts = dict(zip(layers.iloc[:, 0], layers.iloc[:, 1], strict=True))
    assert counts["Xã từ 1/7/2025 (27)"] == 27
    assert counts["Xã 2020–2025 (54)"] == 54
    assert set(layers.iloc[:, 2]) == {"sẵn sàng"}


def test_language_switch_changes_labels() -> None:
    app = _app().run()
    app.sidebar.radio[0].set_value("en").run()
    assert not app.exception
    assert any("Map layers" in header.value for header in app.header)
    layers = app.dataframe[0].value
    assert "Communes since 1 Jul 2025 (27)" in set(layers.iloc[:, 0])


def test_broken_input_shows_unavailable_layers(bundle_copy: Path) -> None:
    from ui.state import get_atlas, get_catalogue

    target = bundle_copy / "points" / "border_gates.csv"
    target.unlink()
    target.write_text("broken\n", encoding="utf-8")
    get_atlas.clear()
    get_catalogue.clear()
    try:
        app = _app(bundle_copy).run()
        assert not app.exception
        warnings = " ".join(w.value for w in app.warning)
        assert "không dùng được" in warnings
        texts = " ".join(t.value for t in app.text)
        assert "points/border_gates.csv" in texts and str(target) in texts
        layers = app.dataframe[0].value
        status = dict(zip(layers.iloc[:, 0], layers.iloc[:, 2], strict=True))
        assert status["Cửa khẩu"] == "không dùng được"
        assert status["Xã từ 1/7/2025 (27)"] == "sẵn sàng"
    finally:
        get_atlas.clear()
        get_catalogue.clear()
