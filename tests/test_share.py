from geo.share import qr_png, share_url


def test_share_url_keeps_the_view_and_drops_presentation() -> None:
    url = share_url(
        "http://10.0.0.5:8501/", {"project": "festa", "region": "ITG2,FRM0", "present": "1"}
    )
    assert url == "http://10.0.0.5:8501/?project=festa&region=ITG2%2CFRM0"


def test_share_url_of_a_page_with_its_own_query() -> None:
    assert share_url("https://maps.example/app?x=1", {"lang": "fr"}) == (
        "https://maps.example/app?lang=fr"
    )


def test_qr_png_is_a_png_image() -> None:
    data = qr_png("http://10.0.0.5:8501/?lang=it")
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 200


def test_link_too_long_for_a_qr_code_gives_none() -> None:
    assert qr_png("http://10.0.0.5:8501/?q=" + "a" * 5000) is None
