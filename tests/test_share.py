from geo.share import embed_snippet, qr_svg, share_url


def test_share_url_keeps_the_view_and_drops_presentation() -> None:
    url = share_url(
        "http://10.0.0.5:8501/", {"project": "festa", "region": "ITG2,FRM0", "present": "1"}
    )
    assert url == "http://10.0.0.5:8501/?project=festa&region=ITG2%2CFRM0"


def test_share_url_of_a_page_with_its_own_query() -> None:
    assert share_url("https://maps.example/app?x=1", {"lang": "fr"}) == (
        "https://maps.example/app?lang=fr"
    )


def test_qr_is_an_svg_that_scales_to_its_box() -> None:
    svg = qr_svg("http://10.0.0.5:8501/?lang=it")
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ')
    assert "width=" not in svg.split(">", 1)[0] and "<path" in svg


def test_link_too_long_for_a_qr_code_gives_none() -> None:
    assert qr_svg("http://10.0.0.5:8501/?q=" + "a" * 5000) is None


def test_embed_snippet_shows_the_clean_view_and_escapes_the_link() -> None:
    url = share_url("http://10.0.0.5:8501/", {"q": '"><script>x</script>', "lang": "fr"})
    snippet = embed_snippet(url, 'Marittimo "Map"')
    assert snippet.startswith('<iframe src="http://10.0.0.5:8501/?q=%22%3E%3Cscript%3Ex')
    assert "&amp;lang=fr&amp;present=1&amp;embed=true" in snippet
    assert 'title="Marittimo &quot;Map&quot;"' in snippet
    assert "<script>" not in snippet
