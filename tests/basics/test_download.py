"""plan_cli.basics.download: http and https only, bounded in size, time and redirects, reasons in words."""

from __future__ import annotations

import time

import pytest

from plan_cli.basics.download import MAX_REDIRECTS, Unfetchable, download, is_address

from ..served import Reply, serving

PAGE = "<html><body><table><tr><td>Caf\u00e9</td></tr></table></body></html>".encode()
HTML = (("Content-Type", "text/html; charset=utf-8"),)


def test_a_page_comes_with_its_media_type_and_charset() -> None:
    with serving({"/plan.html": Reply(headers=HTML, body=PAGE)}) as site:
        got = download(f"{site}/plan.html", 1024, 5)
    assert got == (PAGE, f"{site}/plan.html", "text/html", "utf-8")


def test_redirects_are_followed_and_the_final_address_is_kept() -> None:
    replies = {
        "/old": Reply(301, (("Location", "/moved"),)),
        "/moved": Reply(302, (("Location", "/plan.html"),)),
        "/plan.html": Reply(headers=HTML, body=PAGE),
    }
    with serving(replies) as site:
        got = download(f"{site}/old", 1024, 5)
    assert got.address == f"{site}/plan.html"
    assert got.data == PAGE


def chain(name: str, hops: int) -> dict[str, Reply]:
    """``hops`` redirects from /NAME0 on, then the page."""
    replies = {f"/{name}{n}": Reply(302, (("Location", f"/{name}{n + 1}"),)) for n in range(hops)}
    replies[f"/{name}{hops}"] = Reply(headers=HTML, body=PAGE)
    return replies


def test_redirects_are_followed_up_to_the_limit() -> None:
    with serving({**chain("a", MAX_REDIRECTS), **chain("b", MAX_REDIRECTS + 1)}) as site:
        assert download(f"{site}/a0", 1024, 5).address == f"{site}/a{MAX_REDIRECTS}"
        with pytest.raises(Unfetchable, match=f"redirects more than {MAX_REDIRECTS} times"):
            download(f"{site}/b0", 1024, 5)


def test_a_redirect_to_itself_is_refused_after_the_limit() -> None:
    with (
        serving({"/loop": Reply(302, (("Location", "/loop"),))}) as site,
        pytest.raises(Unfetchable, match=f"redirects more than {MAX_REDIRECTS} times"),
    ):
        download(f"{site}/loop", 1024, 5)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/plan.html", "gopher://x/"])
def test_a_redirect_to_another_scheme_is_refused(target: str) -> None:
    with (
        serving({"/away": Reply(302, (("Location", target),))}) as site,
        pytest.raises(Unfetchable, match="only http:// and https:// addresses are followed"),
    ):
        download(f"{site}/away", 1024, 5)


@pytest.mark.parametrize("address", ["file:///etc/passwd", "ftp://example.org/plan.pdf", "data://x"])
def test_only_http_and_https_addresses_are_fetched(address: str) -> None:
    with pytest.raises(Unfetchable, match="only http:// and https:// ones"):
        download(address, 1024, 5)


def test_an_address_with_a_password_is_refused_as_is_a_redirect_to_one() -> None:
    with pytest.raises(Unfetchable, match="carries a user name or password"):
        download("https://clerk:secret@example.org/plan.html", 1024, 5)
    with (
        serving({"/away": Reply(302, (("Location", "http://clerk:secret@127.0.0.1/"),))}) as site,
        pytest.raises(Unfetchable, match="carries a user name or password"),
    ):
        download(f"{site}/away", 1024, 5)


def test_an_address_without_a_host_is_refused() -> None:
    with pytest.raises(Unfetchable, match="names no host"):
        download("http:///plan.html", 1024, 5)


def test_a_stated_length_over_the_limit_is_refused_before_reading() -> None:
    with (
        serving({"/big": Reply(headers=(("Content-Length", str(50 * 1024 * 1024)),))}) as site,
        pytest.raises(Unfetchable, match=r"is 50\.0 MB; a published plan is at most 1 MB"),
    ):
        download(f"{site}/big", 1024 * 1024, 5)


def test_a_stream_without_a_length_is_cut_off_past_the_limit() -> None:
    with (
        serving({"/endless": Reply(stream=3 * 1024 * 1024)}) as site,
        pytest.raises(Unfetchable, match="is over 1 MB"),
    ):
        download(f"{site}/endless", 1024 * 1024, 5)


def test_an_http_error_says_what_the_server_answered() -> None:
    with serving({}) as site, pytest.raises(Unfetchable, match="the server answered 404 Not Found"):
        download(f"{site}/missing.html", 1024, 5)


def test_a_server_that_never_answers_is_given_up_on_in_time() -> None:
    with serving({"/hang": Reply(hang=True)}) as site:
        started = time.monotonic()
        with pytest.raises(Unfetchable, match=r"did not answer within 0\.5 seconds"):
            download(f"{site}/hang", 1024, 0.5)
    assert time.monotonic() - started < 10


@pytest.mark.slow
def test_a_server_that_answers_a_byte_at_a_time_is_given_up_on_as_a_whole() -> None:
    with serving({"/drip": Reply(drip=100)}) as site:
        started = time.monotonic()
        with pytest.raises(Unfetchable, match=r"took more than 2 seconds to download"):
            download(f"{site}/drip", 1024, 0.5)
    assert time.monotonic() - started < 5


def test_a_refused_connection_says_so() -> None:
    with serving({}) as site:
        closed = site  # the port is free again once the server has stopped
    with pytest.raises(Unfetchable, match="refused the connection"):
        download(f"{closed}/plan.html", 1024, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://www.example.org/plan", True),
        ("http://127.0.0.1:8000/plan.html", True),
        ("file:///etc/passwd", True),
        ("plan.html", False),
        ("data/plan.html", False),
        ("C:\\plans\\plan.html", False),
        ("./https://x", False),
    ],
)
def test_an_address_is_told_from_a_path(text: str, expected: bool) -> None:
    assert is_address(text) is expected
