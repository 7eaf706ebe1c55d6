"""External links (make links): find every web address in the guidance pages and data files, and check them.

``find_links`` reads the pages (docs/da, docs/en: Markdown links and bare addresses) and the address fields of
the data files, each with file and line. ``check`` asks every distinct address once, with the standard library
only: a HEAD request (a GET when the server answers HEAD with an error), redirects not followed but reported with
where they lead. Addresses on one site are asked one after another, sites in parallel, and once a site does not
answer at all its other addresses are not tried, so a closed network fails fast instead of waiting for each one.
Nothing here needs MkDocs; the network is only used by ``check``.
"""

from __future__ import annotations

import http.client
import re
import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

PAGE_DIRS = ("docs/da", "docs/en")
# The address fields of each data file; comments and other fields are not links on the site.
DATA_FIELDS: dict[str, tuple[str, ...]] = {
    "data/rules.yml": ("web",),
    "data/sources.yml": ("url",),
    "data/municipality.yml": ("web", "site_url", "accessibility_statement"),
}
DEFAULT_TIMEOUT = 10.0
DEFAULT_WORKERS = 8
USER_AGENT = "borgerguide-link-check/1.0 (Den digitale borger; make links)"
# Names that never resolve (RFC 2606, RFC 6761): placeholders such as the site address before it is chosen.
PLACEHOLDER_SUFFIXES = (".invalid", ".example", ".test", ".localhost")
PLACEHOLDER_HOSTS = ("localhost", "example.com", "example.net", "example.org")

Kind = Literal["ok", "redirect", "dead", "no-answer", "placeholder"]


@dataclass(frozen=True)
class Link:
    url: str
    file: str  # relative to the project root, with forward slashes
    line: int


@dataclass(frozen=True)
class Answer:
    """What one address gave: the same for every link to it."""

    kind: Kind
    status: int | None = None  # the HTTP status, when the server answered
    location: str | None = None  # where a redirect leads, made absolute
    reason: str | None = None  # why there was no answer, or why the address was not asked


@dataclass(frozen=True)
class Result:
    link: Link
    answer: Answer

    @property
    def host(self) -> str:
        return host_of(self.link.url)


# --- Finding the links -----------------------------------------------------------------------------------------

# Characters that end an address in running text, Markdown or HTML.
_URL = re.compile(r"https?://[^\s<>\"'`\[\]{}|\\^]+", re.IGNORECASE)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_TRAILING = ".,;:!?*_'\""


def _trim(url: str) -> str:
    """Drop punctuation that ends the sentence rather than the address, and a ')' that closes a Markdown link
    (but keep one that belongs to the address, as in https://da.wikipedia.org/wiki/Ask_(træ))."""
    while url:
        if url[-1] in _TRAILING or (url[-1] == ")" and url.count(")") > url.count("(")):
            url = url[:-1]
        else:
            break
    return url


def urls_in_markdown(text: str) -> Iterator[tuple[int, str]]:
    """(line, address) for every web address in a Markdown text, outside code blocks and code spans."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        opening = _FENCE.match(line)
        if opening:
            if fence is None:
                fence = opening.group(1)
            elif opening.group(1) == fence:
                fence = None
            continue
        if fence is not None:
            continue
        seen: set[str] = set()
        for match in _URL.finditer(_CODE_SPAN.sub(lambda code: " " * len(code.group(0)), line)):
            url = _trim(match.group(0))
            if url.partition("://")[2] and url not in seen:
                seen.add(url)
                yield number, url


def _yaml_nodes(node: yaml.Node) -> Iterator[tuple[yaml.Node, yaml.Node]]:
    """Every key and value of every mapping in a composed YAML document."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield key, value
            yield from _yaml_nodes(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _yaml_nodes(item)


def urls_in_yaml(text: str, fields: Iterable[str], display_name: str) -> Iterator[tuple[int, str]]:
    """(line, address) for every field named in ``fields`` whose value is a web address."""
    wanted = set(fields)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        root = yaml.compose(text, Loader=loader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"{display_name}:{mark.line + 1}" if mark is not None else display_name
        message = f"{where}: cannot read this YAML file ({error}); `make test` explains the problem."
        raise LinkFileError(message) from None
    if root is None:
        return
    for key, value in _yaml_nodes(root):
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value in wanted
            and isinstance(value, yaml.ScalarNode)
            and re.match(r"https?://", value.value.strip(), re.IGNORECASE)
        ):
            yield value.start_mark.line + 1, value.value.strip()


class LinkFileError(Exception):
    """A data file that cannot be read, so its links cannot be found."""


def find_links(root: Path) -> list[Link]:
    """Every external link of the project: pages (Danish, then English, by path), then the data files."""
    links: list[Link] = []
    for directory in PAGE_DIRS:
        base = root / directory
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*.md")):
            name = path.relative_to(root).as_posix()
            links.extend(Link(url, name, line) for line, url in urls_in_markdown(path.read_text("utf-8")))
    for name, fields in DATA_FIELDS.items():
        path = root / name
        if path.is_file():
            links.extend(Link(url, name, line) for line, url in urls_in_yaml(path.read_text("utf-8"), fields, name))
    return links


# --- Checking them ---------------------------------------------------------------------------------------------


def host_of(url: str) -> str:
    try:
        return (urllib.parse.urlsplit(url).hostname or "").lower()
    except ValueError:  # a malformed address; asking it reports it
        return ""


def is_placeholder(url: str) -> bool:
    """A reserved name (example.com, something.invalid): a placeholder that no site will ever answer for."""
    host = host_of(url)
    return host.endswith(PLACEHOLDER_SUFFIXES) or any(
        host == name or host.endswith("." + name) for name in PLACEHOLDER_HOSTS
    )


def request_address(url: str) -> str:
    """The address as it goes on the wire: a Danish letter in the path or the name (æ, ø, å) is encoded."""
    parts = urllib.parse.urlsplit(url)
    host = parts.hostname or ""
    try:
        host.encode("ascii")
    except UnicodeEncodeError:
        host = host.encode("idna").decode("ascii")
    if ":" in host:
        host = f"[{host}]"  # an IPv6 address
    netloc = host if parts.port is None else f"{host}:{parts.port}"
    path = urllib.parse.quote(parts.path, safe="/%:@!$&'()*+,;=~")
    query = urllib.parse.quote(parts.query, safe="/%:@!$&'()*+,;=~?")
    return urllib.parse.urlunsplit((parts.scheme, netloc, path or "/", query, ""))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let a 3xx answer through as an HTTPError, so its Location can be reported instead of followed."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _opener() -> urllib.request.OpenerDirector:
    return urllib.request.build_opener(_NoRedirect())


def _ask(opener: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> tuple[int, str | None]:
    """The status of one request, and the Location header made absolute."""
    request = urllib.request.Request(
        request_address(url), method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"}
    )
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, None
    except urllib.error.HTTPError as error:
        location = error.headers.get("Location") if error.headers else None
        error.close()
        return error.code, urllib.parse.urljoin(url, location) if location else None


def describe(error: BaseException, timeout: float) -> str:
    """Why a site did not answer, in words an editor understands."""
    reason = _reason(error)
    if isinstance(reason, socket.gaierror):
        return "the name was not found (DNS)"
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"certificate problem ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror.lower()
    return str(reason) or type(reason).__name__


def _reason(error: BaseException) -> object:
    return error.reason if isinstance(error, urllib.error.URLError) else error


def _dropped(error: BaseException) -> bool:
    """The server closed the connection or answered nonsense: some do that to HEAD only, so GET is worth a try."""
    return isinstance(_reason(error), http.client.HTTPException | ConnectionResetError)


def _classify(status: int, location: str | None) -> Answer:
    if 300 <= status < 400:
        return Answer("redirect", status, location)
    if status >= 400:
        return Answer("dead", status)
    return Answer("ok", status)


def check_address(
    url: str, timeout: float = DEFAULT_TIMEOUT, opener: urllib.request.OpenerDirector | None = None
) -> Answer:
    """One address: HEAD first; GET decides when the server answers HEAD with an error (405 and 501 refuse the
    method, and some servers give 403 or 404, or close the connection, to HEAD only)."""
    opener = opener or _opener()
    head: Answer | None = None
    for method in ("HEAD", "GET"):
        try:
            status, location = _ask(opener, url, method, timeout)
        except ValueError as error:
            return Answer("dead", reason=f"not a valid web address ({error})")
        except (OSError, http.client.HTTPException) as error:
            if head is not None:
                return head  # GET got no answer: HEAD's stands
            head = Answer("no-answer", reason=describe(error, timeout))
            if not _dropped(error):
                return head
            continue
        answer = _classify(status, location)
        if answer.kind != "dead" or method == "GET":
            return answer
        head = answer
    assert head is not None
    return head


def _check_site(urls: Sequence[str], timeout: float) -> dict[str, Answer]:
    """The addresses of one site, one after another; once the site does not answer, the rest are not tried."""
    opener = _opener()
    answers: dict[str, Answer] = {}
    silent: Answer | None = None
    for url in urls:
        answers[url] = silent or check_address(url, timeout, opener)
        if answers[url].kind == "no-answer":
            silent = answers[url]
    return answers


def check(links: Sequence[Link], timeout: float = DEFAULT_TIMEOUT, workers: int = DEFAULT_WORKERS) -> list[Result]:
    """Each distinct address once, sites in parallel; a result for every link, in the order of ``links``."""
    answers: dict[str, Answer] = {}
    sites: dict[str, list[str]] = {}
    for url in dict.fromkeys(link.url for link in links):
        if is_placeholder(url):
            answers[url] = Answer("placeholder", reason="a reserved name that never resolves")
        else:
            sites.setdefault(host_of(url), []).append(url)
    if sites:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(sites)))) as pool:
            for found in pool.map(lambda urls: _check_site(urls, timeout), sites.values()):
                answers.update(found)
    return [Result(link, answers[link.url]) for link in links]
