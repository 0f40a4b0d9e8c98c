import re
from pathlib import Path

import folium
import pytest
from folium.plugins import MarkerCluster

from geo import assets
from geo.markers import PointLayer


def test_install_copies_every_served_asset(tmp_path: Path) -> None:
    assets.install(tmp_path)
    for name, entry in assets.ASSETS.items():
        if entry is not None:
            assert (tmp_path / assets.asset_path(name).partition("?")[0]).is_file(), name
    assert (tmp_path / "vendor/leaflet/images/layers.png").is_file()
    assert list((tmp_path / "vendor/fontawesome/webfonts").glob("fa-solid-900.woff2"))


def test_install_twice_is_a_no_op(tmp_path: Path) -> None:
    assets.install(tmp_path)
    marker = tmp_path / "vendor/leaflet/leaflet.js"
    mtime = marker.stat().st_mtime_ns
    assets.install(tmp_path)
    assert marker.stat().st_mtime_ns == mtime


def test_localize_points_map_and_plugins_at_local_files() -> None:
    fmap = folium.Map(tiles=None)
    fmap.default_js = [*fmap.default_js, *PointLayer.default_js]
    html = assets.localize(fmap).get_root().render()
    assert len(re.findall(r"/app/static/vendor/map/map\.js\?v=[0-9a-f]{12}", html)) == 1
    assert "/app/static/vendor/fontawesome/css/all.min.css" in html
    for cdn in ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "netdna"):
        assert cdn not in html
    assert "bootstrap" not in html and "jquery" not in html


def test_localize_keeps_folium_classes_untouched() -> None:
    assets.localize(folium.Map(tiles=None))
    assert any("cdn" in url for _, url in folium.Map.default_js)


def test_localize_with_custom_urls() -> None:
    fmap = assets.localize(folium.Map(tiles=None), url_for=lambda p: f"file:///x/{p}")
    assert ("leaflet", f"file:///x/{assets.asset_path('leaflet')}") in fmap.default_js


def test_unknown_asset_is_an_error() -> None:
    fmap = folium.Map(tiles=None)
    fmap.default_js = [("mystery", "https://example.org/mystery.js")]
    with pytest.raises(assets.UnknownAssetError, match="mystery"):
        assets.localize(fmap)


def test_publish_names_the_file_by_its_content(tmp_path: Path) -> None:
    content = b'{"type": "FeatureCollection", "features": []}'
    url = assets.publish("land.geojson", content, tmp_path / "static")
    assert re.fullmatch(r"/app/static/data/land-[0-9a-f]{16}\.geojson", url)
    assert (tmp_path / "static" / url.removeprefix("/app/static/")).read_bytes() == content
    assert assets.publish("land.geojson", content, tmp_path / "static") == url
    assert assets.publish("land.geojson", content + b" ", tmp_path / "static") != url


def test_a_plugin_without_a_local_copy_is_an_error() -> None:
    fmap = folium.Map(tiles=None)
    MarkerCluster().add_to(fmap)
    with pytest.raises(assets.UnknownAssetError, match="markercluster"):
        assets.localize(fmap)


def test_npm_package_is_checked_against_its_integrity(tmp_path: Path, monkeypatch) -> None:
    package = assets.NpmPackage("x", "1.0.0", "sha512-AAAA", ("index.js",))
    monkeypatch.setattr(assets, "NPM_CACHE", tmp_path)
    content = b"not the pinned file"

    class Response:
        def __enter__(self):
            return self

        def __exit__(self, *args):
            return False

        def read(self):
            return content

    monkeypatch.setattr(assets.urllib.request, "urlopen", lambda url, timeout: Response())
    with pytest.raises(assets.MissingPackageError, match="does not match"):
        assets.fetch({"x": package})


def test_install_says_how_to_get_a_missing_npm_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(assets, "NPM_CACHE", tmp_path / "empty")
    with pytest.raises(assets.MissingPackageError, match=r"scripts/setup\.sh"):
        assets.install(tmp_path / "static")


def test_bundle_joins_leaflet_supercluster_and_our_script(tmp_path: Path) -> None:
    assets.install(tmp_path)
    bundle = (tmp_path / "vendor/map/map.js").read_text(encoding="utf-8")
    assert bundle.index("Leaflet") < bundle.index("Supercluster") < bundle.index("MM.pointLayer")
