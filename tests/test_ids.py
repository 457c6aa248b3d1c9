from narrascope.ids import canonical_url, document_id, entity_id, url_host


def test_canonical_url_drops_tracking_and_fragment() -> None:
    url = "HTTPS://Www.Zakon.kz/news/123/?utm_source=tg&id=5#frag"
    assert canonical_url(url) == "https://www.zakon.kz/news/123/?id=5"
    assert canonical_url("not a url") is None
    assert canonical_url("http://[oops/news") is None  # found by hypothesis in a feed's link


def test_same_article_by_two_urls_has_one_id() -> None:
    first = document_id("https://zakon.kz/a?utm_medium=x", "text one")
    assert first == document_id("https://ZAKON.kz/a#top", "different text")


def test_content_id_ignores_whitespace_and_case() -> None:
    assert document_id(None, "Казахстан  и\nКитай") == document_id(None, "казахстан и китай ")
    assert document_id(None, "Казахстан") != document_id(None, "Китай")


def test_entity_id_is_stable_and_readable() -> None:
    ident = entity_id("PER", "Рустем Мустафин")
    assert ident == entity_id("PER", "рустем  мустафин")
    assert ident.startswith("per:рустем_мустафин-")


def test_url_host() -> None:
    assert url_host("https://www.zakon.kz/x") == "zakon.kz"
    assert url_host(None) is None


def test_articles_told_apart_by_a_parameter_keep_their_own_ids() -> None:
    assert canonical_url("https://t.me/s/channel?before=105") == "https://t.me/s/channel?before=105"
    assert document_id("https://site.kz/a?newsid=5", "x") != document_id(
        "https://site.kz/a?newsid=6", "x"
    )
