"""Pictures decoded at display size: photos cropped around their focus, illustrations kept whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage

from kiosk.views.pictures import ILLUSTRATION_MAX_CROP, PictureCache

#: A 400x300 scene on a plain backdrop, with a marker near two corners (just inside the 6 % a
#: small crop may take at an edge) that covering a wide or tall box would cut off, and ground
#: along the bottom edge.
SCENE = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300">
  <rect width="400" height="300" fill="#F7F5F0"/>
  <rect y="260" width="400" height="40" fill="#D3E6E4"/>
  <rect x="30" y="24" width="20" height="20" fill="#FF0000"/>
  <rect x="350" y="236" width="20" height="20" fill="#0000FF"/>
</svg>
"""


@pytest.fixture
def scene(tmp_path: Path) -> Path:
    path = tmp_path / "scene.svg"
    path.write_text(SCENE, encoding="utf-8")
    return path


def has_colour(image: QImage, colour: str) -> bool:
    wanted = QColor(colour).rgb()
    return any(image.pixel(x, y) == wanted
               for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))


@pytest.mark.parametrize("box", [QSize(900, 200), QSize(200, 600), QSize(800, 500)],
                         ids=["wide tile", "tall column", "near its shape"])
def test_a_covering_illustration_fills_its_box_and_keeps_its_whole_scene(
        qapp: object, scene: Path, box: QSize) -> None:
    image = PictureCache().load(scene, box, cover=True).toImage()
    assert image.size() == box
    # Both corner markers are still there: nothing of the scene was cut off.
    assert has_colour(image, "#FF0000")
    assert has_colour(image, "#0000FF")


def test_a_wide_box_carries_the_scenes_edges_on(qapp: object, scene: Path) -> None:
    image = PictureCache().load(scene, QSize(900, 200), cover=True).toImage()
    ground, backdrop = QColor("#D3E6E4").rgb(), QColor("#F7F5F0").rgb()
    # Beyond the scene's sides its edge columns go on: ground at the bottom, backdrop above.
    assert image.pixel(2, 195) == ground
    assert image.pixel(897, 195) == ground
    assert image.pixel(2, 100) == backdrop
    assert image.pixel(897, 100) == backdrop


def test_a_box_of_nearly_the_scenes_shape_is_simply_covered(qapp: object, scene: Path) -> None:
    # 4:3 scene, box a little wider (within the crop limit): enlarged to cover it, nothing carried on.
    wider = round(300 * 4 / 3 * (1 + ILLUSTRATION_MAX_CROP))
    image = PictureCache().load(scene, QSize(wider, 300), cover=True).toImage()
    assert image.size() == QSize(wider, 300)
    assert has_colour(image, "#FF0000")
    assert has_colour(image, "#0000FF")
    # The ground band still ends at the bottom edge: the scene was scaled, not stretched.
    assert image.pixel(wider // 2, 299) == QColor("#D3E6E4").rgb()


def test_a_photo_covers_its_box_and_is_cropped(qapp: object, tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    photo = QImage(QSize(400, 300), QImage.Format.Format_RGB32)
    photo.fill(QColor("#808080"))
    assert photo.save(str(path))
    picture = PictureCache().load(path, QSize(900, 200), cover=True)
    # A photo is decoded to cover (one side equal, the other larger); the box crops it.
    assert picture.width() == 900
    assert picture.height() == 675


def test_illustrations_are_drawn_on_request_and_photos_are_kept(qapp: object, scene: Path, tmp_path: Path) -> None:
    cache = PictureCache()
    cache.load(scene, QSize(300, 200), cover=True)
    assert len(cache) == 0
    path = tmp_path / "photo.png"
    photo = QImage(QSize(40, 30), QImage.Format.Format_RGB32)
    photo.fill(QColor("#808080"))
    assert photo.save(str(path))
    cache.load(path, QSize(300, 200))
    assert len(cache) == 1


def test_drawn_pixmaps_can_be_dropped(qapp: object) -> None:
    from PySide6.QtGui import QPixmap, QPixmapCache

    from kiosk.views.pictures import drop_drawn_caches

    pixmap = QPixmap(QSize(64, 64))
    pixmap.fill(QColor("#808080"))
    key = QPixmapCache.insert(pixmap)
    assert QPixmapCache.find(key, QPixmap())
    drop_drawn_caches()
    assert not QPixmapCache.find(key, QPixmap())
