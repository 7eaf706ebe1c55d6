"""The theme's CSS without the rules no page uses (borgerguide.site.unused_css), without a build."""

from __future__ import annotations

import pytest

from borgerguide.site.unused_css import Used, fingerprint, minify_css, needed, prune_css, used_names

PAGES = [
    '<html dir="ltr"><body data-md-color-primary="custom"><header class="md-header md-header--shadow">'
    "<a class='md-logo' href='/'>x</a></header><div class=md-content></div></body></html>"
]
SCRIPTS = ['e.classList.add("md-search--active");const t=`md-search-result__${n}`;']


def pruned(css: str) -> str:
    return prune_css(css, used_names(PAGES, SCRIPTS))


def test_rules_for_classes_on_the_pages_or_in_the_scripts_stay_and_the_others_go() -> None:
    css = ".md-header{top:0}.md-tabs{color:red}.md-search--active .md-content{x:1}.md-logo:hover{y:2}"
    assert pruned(css) == ".md-header{top:0}.md-search--active .md-content{x:1}.md-logo:hover{y:2}"


def test_a_selector_list_keeps_the_selectors_that_can_match() -> None:
    assert pruned(".md-tabs,.md-header,.tabbed-set>label{margin:0}") == ".md-header{margin:0}"


def test_a_class_the_scripts_build_from_a_prefix_stays() -> None:
    assert pruned(".md-search-result__teaser{a:b}.md-other__teaser{a:b}") == ".md-search-result__teaser{a:b}"


def test_classes_inside_not_is_where_and_has_never_count_as_needed() -> None:
    css = ".md-header:not(.md-tabs){a:b}:is(.md-tabs,.md-nope) p{c:d}.md-content:has(.md-nope){e:f}"
    assert pruned(css) == css


def test_attribute_values_no_page_or_script_has_go() -> None:
    css = '[data-md-color-primary=red]{a:b}[data-md-color-primary="custom"]{c:d}[dir=rtl] .md-header{e:f}[hidden]{g:h}'
    assert pruned(css) == '[data-md-color-primary="custom"]{c:d}[hidden]{g:h}'
    # Other operators than "=" are not exact values: the selector stays.
    assert pruned("[class^=md-nope]{a:b}") == "[class^=md-nope]{a:b}"


def test_media_blocks_left_empty_go_other_at_rules_stay_and_comments_go() -> None:
    css = (
        '/* licence */@charset "utf-8";@media print{.md-tabs{display:none}}@media screen{.md-header{a:b}'
        ".md-tabs{c:d}}@keyframes spin{0%{opacity:0}to{opacity:1}}@font-face{font-family:x}"
    )
    assert pruned(css) == (
        '@charset "utf-8";@media screen{.md-header{a:b}}@keyframes spin{0%{opacity:0}to{opacity:1}}'
        "@font-face{font-family:x}"
    )


def test_elements_and_ids_are_never_pruned() -> None:
    assert pruned("body>nav li a{a:b}#__drawer{c:d}") == "body>nav li a{a:b}#__drawer{c:d}"


def test_what_a_selector_needs() -> None:
    import tinycss2

    (rule,) = tinycss2.parse_stylesheet(".a .b>[x=y]:not(.c)[z~=w]{}", skip_whitespace=True)
    assert needed(rule.prelude) == ["a", "b", "y"]


def test_used_names_reads_class_attributes_values_and_script_words() -> None:
    used = used_names(PAGES, SCRIPTS)
    assert isinstance(used, Used)
    for name in ("md-header", "md-header--shadow", "md-logo", "md-content", "custom", "ltr", "md-search--active"):
        assert name in used
    assert "md-search-result__item" in used  # from the prefix the script completes
    assert "md-tabs" not in used and "md-search-result" not in used


def test_own_stylesheets_keep_every_rule_without_comments_and_extra_space() -> None:
    css = "/* colours */\n:root {\n  --dd-blue: #12395b;   /* dark */\n}\n\n.dd-unused  >  a { color : red }\n"
    assert minify_css(css) == ":root { --dd-blue: #12395b; }.dd-unused > a { color : red }"


def test_strings_keep_their_spaces() -> None:
    assert minify_css('a::before{content:"  two  spaces  "}') == 'a::before{content:"  two  spaces  "}'


def test_a_stylesheet_that_cannot_be_read_is_reported_with_its_line() -> None:
    with pytest.raises(ValueError, match="line 2"):
        minify_css(".a{b:c}\n}")


def test_the_file_name_follows_the_content() -> None:
    first = fingerprint("main.57a0d79d.min.css", ".a{b:c}")
    assert first != "main.57a0d79d.min.css" and first.startswith("main.") and first.endswith(".min.css")
    assert fingerprint("main.57a0d79d.min.css", ".a{b:c}") == first
    assert fingerprint("main.57a0d79d.min.css", ".a{b:d}") != first
    assert fingerprint("extra.css", ".a{b:c}").startswith("extra.") and fingerprint("extra.css", "x").endswith(
        ".min.css"
    )
