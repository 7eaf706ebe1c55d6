"""make links: dead and redirected external links with file and line, checked against a local server."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import check_links
import pytest
from conftest import ROOT

from borgerguide.editors import links as links_module
from borgerguide.editors.links import USER_AGENT, Answer, Link, check, check_address, find_links, urls_in_markdown


class _Handler(BaseHTTPRequestHandler):
    """/ok 200, /moved 301 to /ok, /old 302 to the front page, /gone 404, /nohead 405 to HEAD but 200 to GET,
    /drophead hangs up on HEAD but answers GET, /søg (encoded) 200."""

    requests: Counter[tuple[str, str]]
    agents: set[str]

    def _answer(self) -> None:
        self.requests[(self.command, self.path)] += 1
        self.agents.add(self.headers.get("User-Agent", ""))
        port = self.server.server_address[1]
        if self.path in ("/ok", "/"):
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", f"http://127.0.0.1:{port}/ok")
        elif self.path == "/old":
            self.send_response(302)
            self.send_header("Location", "/")  # relative: reported made absolute
        elif self.path == "/nohead":
            self.send_response(405 if self.command == "HEAD" else 200)
        elif self.path == "/drophead" and self.command == "HEAD":
            self.close_connection = True  # hang up without an answer
            return
        elif self.path in ("/drophead", "/s%C3%B8g"):
            self.send_response(200)
        else:
            self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = _answer
    do_GET = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, type[_Handler]]]:
    # A proxy from the environment must not stand between the checker and 127.0.0.1.
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    handler = type("Handler", (_Handler,), {"requests": Counter(), "agents": set()})
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def write_project(root: Path, base: str) -> None:
    """Pages and data files with links on known lines."""
    (root / "docs" / "da").mkdir(parents=True)
    (root / "docs" / "en").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "docs" / "da" / "x.md").write_text(
        "---\ntitle: X\n---\n\n"  # lines 1-4
        f"Læs [siden]({base}/ok) og [den flyttede]({base}/moved).\n"  # line 5
        f"En død side: {base}/gone.\n"  # line 6
        "```\n"
        f"{base}/in-a-code-block\n"  # not a link
        "```\n"
        f"Kode: `{base}/in-code` og <{base}/nohead>\n",  # line 10
        "utf-8",
    )
    (root / "docs" / "en" / "x.md").write_text(f"# X\n\nThe same page: [page]({base}/ok).\n", "utf-8")
    (root / "data" / "sources.yml").write_text(
        "# Kilder: https://www.example.org/not-a-field\n"
        "gone-source:\n"
        '  title: "Gone"\n'
        f"  url: {base}/gone\n"  # line 4
        "old-source:\n"
        f"  url: '{base}/old'\n",  # line 6
        "utf-8",
    )
    (root / "data" / "rules.yml").write_text(
        f"contacts:\n  helper:\n    name: {{da: Hjælp, en: Help}}\n    web: {base}/nohead\n    phone: '1'\n",  # line 4
        "utf-8",
    )
    (root / "data" / "municipality.yml").write_text(
        "name: Kommune\nsite_url: https://guide.example.invalid/\ncontacts:\n  borgerservice:\n    web:\n", "utf-8"
    )


def test_finds_links_in_pages_and_data_files_with_lines(tmp_path: Path) -> None:
    write_project(tmp_path, "http://127.0.0.1:9")
    base = "http://127.0.0.1:9"
    assert find_links(tmp_path) == [
        Link(f"{base}/ok", "docs/da/x.md", 5),
        Link(f"{base}/moved", "docs/da/x.md", 5),
        Link(f"{base}/gone", "docs/da/x.md", 6),
        Link(f"{base}/nohead", "docs/da/x.md", 10),
        Link(f"{base}/ok", "docs/en/x.md", 3),
        Link(f"{base}/nohead", "data/rules.yml", 4),
        Link(f"{base}/gone", "data/sources.yml", 4),
        Link(f"{base}/old", "data/sources.yml", 6),
        Link("https://guide.example.invalid/", "data/municipality.yml", 2),
    ]


def test_addresses_in_markdown_end_where_the_link_ends() -> None:
    text = (
        '[a](https://a.dk/x "titel"), <https://b.dk/y>, https://c.dk/z. '
        "[d](https://da.wikipedia.org/wiki/Ask_(træ)) og (se https://e.dk/).\n"
    )
    assert [url for _, url in urls_in_markdown(text)] == [
        "https://a.dk/x",
        "https://b.dk/y",
        "https://c.dk/z",
        "https://da.wikipedia.org/wiki/Ask_(træ)",
        "https://e.dk/",
    ]


def test_dead_and_redirected_links_are_reported_with_file_and_line(
    tmp_path: Path, server: tuple[str, type[_Handler]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, handler = server
    write_project(tmp_path, base)
    assert check_links.main(["--root", str(tmp_path), "--timeout", "5"]) == 1
    gone = "find the page's new address or remove the link"
    assert capsys.readouterr().out.splitlines() == [
        f"docs/da/x.md:5: REDIRECT 301 {base}/moved -> {base}/ok -- update the address to {base}/ok",
        f"docs/da/x.md:6: DEAD 404 {base}/gone -- {gone}",
        f"data/sources.yml:4: DEAD 404 {base}/gone -- {gone}",
        f"data/sources.yml:6: REDIRECT 302 {base}/old -> {base}/ -- the page seems gone (it leads to the front page): "
        + gone,
        "data/municipality.yml:2: NOT CHECKED https://guide.example.invalid/ -- a placeholder "
        "(a reserved name that never resolves): set the real address before publishing",
        "Checked 8 links (5 addresses on 1 site): 2 dead, 2 redirected, 4 fine; 1 placeholder not checked.",
    ]
    # Each address once; HEAD first, GET only where HEAD was refused or gave an error; nothing followed.
    assert handler.requests == Counter(
        {
            ("HEAD", "/ok"): 1,
            ("HEAD", "/moved"): 1,
            ("HEAD", "/gone"): 1,
            ("GET", "/gone"): 1,
            ("HEAD", "/nohead"): 1,
            ("GET", "/nohead"): 1,
            ("HEAD", "/old"): 1,
        }
    )
    assert handler.agents == {USER_AGENT}


def test_only_dead_leaves_out_redirects_and_redirects_alone_pass(
    tmp_path: Path, server: tuple[str, type[_Handler]], capsys: pytest.CaptureFixture[str]
) -> None:
    base, _ = server
    write_project(tmp_path, base)
    assert check_links.main(["--root", str(tmp_path), "--only-dead"]) == 1
    out = capsys.readouterr().out
    assert "REDIRECT" not in out
    assert out.splitlines()[-1] == (
        "Checked 8 links (5 addresses on 1 site): 2 dead, 2 redirected (not shown: --only-dead), 4 fine; "
        "1 placeholder not checked."
    )
    for name in ("docs/da/x.md", "data/sources.yml"):
        path = tmp_path / name
        path.write_text(path.read_text("utf-8").replace("/gone", "/ok"), "utf-8")
    assert check_links.main(["--root", str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" ")[1] for line in lines[:-1]] == ["REDIRECT", "REDIRECT", "NOT"]
    assert lines[-1].startswith("Checked 8 links (4 addresses on 1 site): 0 dead, 2 redirected, 6 fine")


def test_a_server_that_hangs_up_on_head_and_danish_letters(server: tuple[str, type[_Handler]]) -> None:
    base, handler = server
    assert check_address(f"{base}/drophead", timeout=5) == Answer("ok", 200)
    assert check_address(f"{base}/søg", timeout=5) == Answer("ok", 200)
    assert handler.requests == Counter({("HEAD", "/drophead"): 1, ("GET", "/drophead"): 1, ("HEAD", "/s%C3%B8g"): 1})


def test_a_closed_network_is_one_line_per_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("no_proxy", "*")
    monkeypatch.setenv("NO_PROXY", "*")
    with socket.socket() as probe:  # a port nothing listens on: every request is refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    write_project(tmp_path, f"http://127.0.0.1:{port}")
    assert check_links.main(["--root", str(tmp_path), "--timeout", "2"]) == 2
    assert capsys.readouterr().out.splitlines() == [
        "No site answered: the network seems closed or offline, so no link was checked.",
        "  127.0.0.1: connection refused; 8 links not checked",
        "Run `make links` again with internet access; 1 placeholder not checked.",
    ]


def test_a_site_that_does_not_answer_is_asked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def no_answer(url: str, timeout: float, opener: object) -> Answer:
        asked.append(url)
        return Answer("no-answer", reason="no answer within 1 s")

    monkeypatch.setattr(links_module, "check_address", no_answer)
    links = [Link(f"https://silent.dk/{page}", "docs/da/x.md", line) for line, page in enumerate("abc", start=1)]
    results = check([*links, Link("https://other.dk/", "data/rules.yml", 4)], timeout=1)
    assert sorted(asked) == ["https://other.dk/", "https://silent.dk/a"]
    assert [result.answer.reason for result in results] == ["no answer within 1 s"] * 4


def test_the_real_project_links_are_found_with_their_lines() -> None:
    links = find_links(ROOT)
    by_file: dict[str, list[tuple[int, str]]] = {}
    for link in links:
        by_file.setdefault(link.file, []).append((link.line, link.url))
    # Every source with an address, at the line of its url: field (read here without YAML).
    lines = (ROOT / "data" / "sources.yml").read_text("utf-8").splitlines()
    expected = [
        (number, match.group(1).strip("'\""))
        for number, line in enumerate(lines, start=1)
        if (match := re.match(r"\s+url:\s*(\S+)", line))
    ]
    assert expected
    assert by_file["data/sources.yml"] == expected
    # Contacts' web addresses and the municipality's fields, but not the address in a comment.
    rules = (ROOT / "data" / "rules.yml").read_text("utf-8").splitlines()
    assert by_file["data/rules.yml"] == [
        (number, line.split("web:")[1].strip())
        for number, line in enumerate(rules, start=1)
        if re.match(r"\s+web:\s*https?://", line)
    ]
    municipality = [url for _, url in by_file["data/municipality.yml"]]
    municipality_text = (ROOT / "data" / "municipality.yml").read_text("utf-8")
    statement = re.search(r"^accessibility_statement: (\S+)", municipality_text, re.MULTILINE)
    assert statement is not None
    assert municipality.count(statement.group(1)) == 1  # the field, not the same address in the comment above it
    assert all(link.url.startswith(("http://", "https://")) for link in links)
