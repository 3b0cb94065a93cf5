"""Tests of the boilerplate (clean stage) plugin: scopes, guards, fixtures, seeds, clough."""

from __future__ import annotations

import copy
import dataclasses
from pathlib import Path

import pluggy
import pytest

from provenance import hookspecs
from provenance.config import load_config
from provenance.records import Document, Span
from provenance.text import sentences
from provenance_plugins import boilerplate
from provenance_plugins.boilerplate import compile_rules, find_boilerplate, rules_from_config
from provenance_plugins.read_folder import decode

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "furniture"
SEEDS = ROOT / "seeds"
CLOUGH = Path("/work/shared/data/clough/docs")


@pytest.fixture(scope="module")
def config() -> dict:
    return load_config()


@pytest.fixture(scope="module")
def rules(config):
    return rules_from_config(config)


def _section(*rules: dict, **settings) -> dict:
    """A minimal [boilerplate] section for unit tests of one scope."""
    return {"rules": list(rules), **settings}


def _removed(raw: str, spans: list[Span]) -> list[bool]:
    mask = [False] * len(raw)
    for s in spans:
        for k in range(s.start, s.end):
            mask[k] = True
    return mask


def _clean(raw: str, spans: list[Span]) -> str:
    mask = _removed(raw, spans)
    return "".join(c for c, gone in zip(raw, mask) if not gone)


def _check_spans(raw: str, spans: list[Span], rule_names: set[str]) -> None:
    """Spans are exact, named by a configured rule, sorted and non-overlapping."""
    last_end = -1
    for s in spans:
        assert raw[s.start : s.end] == s.text, s
        assert s.rule in rule_names, s.rule
        assert 0 <= s.start < s.end <= len(raw)
        assert s.start >= last_end, f"overlapping spans at {s.start}"
        last_end = s.end


# ----------------------------------------------------------------------------- configuration


def test_config_compiles_with_every_scope(rules):
    scopes = {r.scope for r in rules.rules}
    assert scopes == set(boilerplate.SCOPES)
    assert len({r.name for r in rules.rules}) == len(rules.rules)


def test_rules_are_cached_per_distinct_section(config):
    assert rules_from_config(config) is rules_from_config(copy.deepcopy(config))


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ({}, "non-empty list"),
        (_section({"name": "x", "scope": "page", "pattern": "a"}), "unknown scope 'page'"),
        (_section({"name": "x", "scope": "line", "pattern": "(a"}), "'x'.*invalid regular expression"),
        (_section({"scope": "line", "pattern": "a"}), "needs a non-empty string 'name'"),
        (_section({"name": "x", "scope": "line", "pattern": ""}), "pattern must be a non-empty string"),
        (_section({"name": "x", "scope": "line", "pattern": "a", "max_word": 3}), "unknown keys"),
        (_section({"name": "x", "scope": "line", "pattern": "a", "prose_guard": True}), "prose_guard must be"),
        (_section({"name": "x", "scope": "line", "pattern": "a", "tail_any": True}), "tail_any only applies"),
        (_section({"name": "x", "scope": "line", "pattern": "a"}, {"name": "x", "scope": "line", "pattern": "b"}), "duplicate"),
        (_section({"name": "x", "scope": "line", "pattern": "a"}, paragraph_min_share=1.5), r"paragraph_min_share must be .*\[0.0, 1.0\]"),
        (_section({"name": "x", "scope": "line", "pattern": "a"}, line_max_words=0), "line_max_words must be a positive integer"),
    ],
)
def test_invalid_config_is_reported_with_the_fix(section, message):
    with pytest.raises(ValueError, match=message):
        compile_rules(section)


def test_missing_section_is_reported():
    with pytest.raises(ValueError, match=r"no \[boilerplate\] table"):
        rules_from_config({})


# ----------------------------------------------------------------------------- scopes


def test_line_scope_removes_whole_line_with_its_break():
    rules = compile_rules(_section({"name": "ad", "scope": "line", "pattern": r"^\s*Advertisement\s*$"}))
    raw = "First sentence here.\nAdvertisement\nSecond sentence here."
    spans = find_boilerplate(raw, rules)
    assert [(s.rule, s.text) for s in spans] == [("ad", "Advertisement\n")]
    assert _clean(raw, spans) == "First sentence here.\nSecond sentence here."


def test_line_scope_absorbs_following_blank_lines():
    rules = compile_rules(_section({"name": "ad", "scope": "line", "pattern": r"^\s*Advertisement\s*$"}))
    raw = "Para one.\n\nAdvertisement\n\nPara two."
    assert _clean(raw, find_boilerplate(raw, rules)) == "Para one.\n\nPara two."


def test_line_scope_respects_max_words():
    rules = compile_rules(
        _section({"name": "tags", "scope": "line", "pattern": r"^Tags:.*$"}, line_max_words=4)
    )
    assert find_boilerplate("Tags: a, b, c", rules)
    assert find_boilerplate("Tags: a, b, c, d, e, f", rules) == []


def test_sentence_prose_guard_keeps_sentences():
    rules = compile_rules(
        _section({"name": "labels", "scope": "line", "pattern": r"^Labels?\b.*$", "prose_guard": "sentence"})
    )
    assert find_boilerplate("Labels: travel, food", rules)
    assert find_boilerplate("Labels on the new packaging will list every allergen.", rules) == []
    assert find_boilerplate("Labels were changed, officials said", rules) == []


def test_match_scope_removes_only_the_match():
    rules = compile_rules(_section({"name": "credit", "scope": "match", "pattern": r"\s*Credit:\s*[^\n]{1,60}$"}))
    raw = "Zelensky is welcomed in Berlin Credit: John MacDougall/AFP\nNext line."
    spans = find_boilerplate(raw, rules)
    assert [s.text for s in spans] == [" Credit: John MacDougall/AFP"]
    assert _clean(raw, spans) == "Zelensky is welcomed in Berlin\nNext line."


def test_match_scope_covering_a_line_takes_the_line():
    rules = compile_rules(_section({"name": "credit", "scope": "match", "pattern": r"Credit:\s*[^\n]{1,60}$"}))
    raw = "Caption text\nCredit: Jane Doe\nNext line."
    assert [s.text for s in find_boilerplate(raw, rules)] == ["Credit: Jane Doe\n"]


CONSENT = {"name": "consent", "scope": "paragraph", "pattern": r"\bwe use cookies\b|\byour preferences\b|\baccept all\b"}


def test_paragraph_scope_needs_a_majority_of_furniture_sentences():
    rules = compile_rules(_section(CONSENT))
    banner = "We use cookies to improve the site. Set your preferences below. Or accept all of them."
    article = (
        "The regulator looked at banners. One said: we use cookies for everything. "
        "Critics called it vague. The rules change next year."
    )
    raw = f"Opening sentence of the story.\n\n{banner}\n\n{article}\n"
    spans = find_boilerplate(raw, rules)
    assert [s.text.strip() for s in spans] == [banner]


def test_paragraph_scope_needs_two_matches():
    rules = compile_rules(_section(CONSENT))
    assert find_boilerplate("Readers can set your preferences in the app.", rules) == []
    assert find_boilerplate("We use cookies and you can set your preferences.", rules)


def test_paragraph_scope_ignores_reported_speech():
    rules = compile_rules(_section(CONSENT))
    raw = "'We use cookies and store your preferences,' the company said."
    assert find_boilerplate(raw, rules) == []


def test_paragraph_scope_joins_hard_wrapped_lines():
    rules = compile_rules(_section(CONSENT))
    raw = "Story sentence one.\nWe use cookies on this site and we store\nyour preferences for a year.\nStory goes on."
    spans = find_boilerplate(raw, rules)
    assert _clean(raw, spans) == "Story sentence one.\nStory goes on."


TAIL = {"name": "related", "scope": "tail", "pattern": r"^Related articles$"}
ARTICLE = "\n".join(f"Article sentence number {i} is long enough to count as prose." for i in range(8))


def test_tail_scope_takes_the_rest_when_only_furniture_follows():
    rules = compile_rules(_section(TAIL))
    raw = f"{ARTICLE}\nRelated articles\nOil prices rise again\nWhy ferries are back?\n"
    spans = find_boilerplate(raw, rules)
    assert [s.text for s in spans] == ["Related articles\nOil prices rise again\nWhy ferries are back?\n"]


def test_tail_scope_falls_back_to_the_line_when_prose_follows():
    rules = compile_rules(_section(TAIL))
    raw = f"{ARTICLE}\nRelated articles\nThe minister resigned on Friday.\n"
    assert [s.text for s in find_boilerplate(raw, rules)] == ["Related articles\n"]


def test_tail_scope_needs_the_last_part_of_the_document():
    rules = compile_rules(_section(TAIL, tail_min_position=0.5))
    raw = f"Related articles\nshort line\n{ARTICLE}"
    assert [s.text for s in find_boilerplate(raw, rules)] == ["Related articles\n"]


def test_tail_any_removes_comments_after_the_marker():
    rules = compile_rules(_section({"name": "c", "scope": "tail", "pattern": r"^\d+ comments:$", "tail_any": True}))
    raw = f"{ARTICLE}\n2 comments:\nAnonymous said...\nLovely article, thanks for writing it all down!\n"
    spans = find_boilerplate(raw, rules)
    assert spans[0].start == len(ARTICLE) + 1 and spans[0].end == len(raw)


def test_context_scope_needs_a_removed_neighbour():
    rules = compile_rules(
        _section(
            {"name": "banner", "scope": "line", "pattern": r"^Show details$"},
            {"name": "word", "scope": "context", "pattern": r"^(?:Necessary|Marketing|Home)$"},
        )
    )
    raw = "Story one.\nHome\nStory two.\nNecessary\n\nMarketing\nShow details\nStory three."
    spans = find_boilerplate(raw, rules)
    assert _clean(raw, spans) == "Story one.\nHome\nStory two.\nStory three."


def test_blank_text_has_no_spans(rules):
    assert find_boilerplate("", rules) == []
    assert find_boilerplate("\n\n  \n", rules) == []


# ----------------------------------------------------------------------------- the hook


def test_hook_provenance_clean(config):
    pm = pluggy.PluginManager("provenance")
    pm.add_hookspecs(hookspecs)
    pm.register(boilerplate, name="boilerplate")
    raw = "A council voted to build a library.\nAdvertisement\nIt opens in 2027.\nShare this:\n"
    doc = Document(id="a", sha256="0" * 64, raw=raw)
    results = pm.hook.provenance_clean(document=doc, config=config)
    assert len(results) == 1
    spans = results[0]
    assert [s.rule for s in spans] == ["ads.label", "share.prompt"]
    assert _clean(raw, spans) == "A council voted to build a library.\nIt opens in 2027.\n"


def test_hook_can_be_disabled(config):
    off = copy.deepcopy(config)
    off["boilerplate"]["enabled"] = False
    doc = Document(id="a", sha256="0" * 64, raw="Text.\nAdvertisement\n")
    assert boilerplate.provenance_clean(document=doc, config=off) == []


# ----------------------------------------------------------------------------- prose that must survive

PROSE = [
    "The company said it would stop using third-party cookies next year.",
    "Comments from the minister were shared widely on social media.",
    "Subscribers to the service rose 12% in the quarter.",
    "Share prices fell 3% after the results.",
    "Subscribe to the print edition, the publisher urged its readers in a letter.",
    "The newsletter, which has 40,000 subscribers, is sent every Friday.",
    "Copyright lawyers said the ruling would affect thousands of authors.",
    "Posted on Facebook, the video was watched two million times.",
    "Related research has found that loyalty schemes increase spending.",
    "Tags and labels were printed in three languages.",
    "Credit card payments now make up 90% of sales.",
    "Photo booths have returned to shopping centres.",
    "Getty Images and Shutterstock agreed to merge in January.",
    "Experts advise that you manage your privacy settings regularly.",
    "The firm changed its cookie policy after the ruling.",
    "Users were told to accept all cookies before they could read the news.",
    "Next year the chain plans to open 30 more shops.",
    "Advertisement spending rose for the fourth year in a row.",
    "Click fraud costs advertisers billions of dollars a year.",
    "Readers left more than 300 comments under the article.",
    "The site uses cookies to track readers, according to the complaint.",
    "They received full credit: 100 points out of 100.",
    "The label said all rights reserved.",
    "Photos from the scene were published within minutes.",
    "Follow us on Facebook and Twitter, the police told residents during the floods.",
    "Listen to the recordings and you will hear the engines fail, the investigator said.",
    "It takes 5 minutes to read the safety card that comes with each kit.",
    "This website stores cookies on your computer, the regulator said in its ruling.",
    "More from the county budget will go to mobile libraries next year.",
    "Home and away fans were kept apart by a line of stewards.",
]

# Hard-wrapped prose whose lines start like furniture labels but carry on a sentence.
WRAPPED = """The town council met on Monday to discuss the new market hall.
Posted on the door of the town hall, the notice listed
the names of every trader who had applied for a stall, and
Get a briefing from the ministry before the meeting, the
mayor had told officials. Published on March 3, 2025, the report
Share the load with neighbouring towns was its first advice, and
Subscribe to the idea of a covered market was what most traders
did, according to the survey.
"""


@pytest.mark.parametrize("sentence", PROSE)
def test_prose_mentioning_furniture_words_is_kept(rules, sentence):
    assert find_boilerplate(sentence, rules) == []
    assert find_boilerplate(f"{sentence}\n", rules) == []
    wrapped = f"A first sentence of the story.\n\n{sentence}\n\nA closing sentence of the story.\n"
    assert find_boilerplate(wrapped, rules) == []


def test_prose_paragraph_mentioning_furniture_words_is_kept(rules):
    raw = " ".join(PROSE) + "\n\n" + "\n".join(PROSE)
    assert find_boilerplate(raw, rules) == []


def test_hard_wrapped_prose_is_kept(rules):
    assert find_boilerplate(WRAPPED, rules) == []


# Furniture named in the issue, each as a line after an article.
ISSUE_FURNITURE = [
    "Copyright 2025 The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Sign up for our newsletter",
    "Subscribe",
    "Share this:",
    "Share on Facebook",
    "Click to share on Twitter (Opens in new window)",
    "Tweet",
    "Pin it",
    "Credit: John Smith/AFP",
    "Photo: Jane Doe/Reuters",
    "(File photo)",
    "Image source, Getty Images",
    "Getty Images",
    "Advertisement",
    "Read more: Why the port talks stalled",
    "Related: Ten slow journeys across Europe",
    "Click here to get the app.",
    "Posted by Ruth Calder at 3:14 PM",
    "Labels: trails, volunteering",
    "Newer Post Older Post Home",
    "Subscribe to: Post Comments (Atom)",
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Like this: Like Loading...",
    "Filed Under: Community",
    "Tags: repair, recycling",
    "Accept All Cookies",
    "Manage Cookie Consent",
    "Powered by Cookiebot by Usercentrics",
    "We value your privacy",
    "Agree and close",
    "Reporting by Eric Onstad; Editing by Susan Fenton",
    "© 2025 AFP",
]


# Furniture that scrapers keep from news pages: follow prompts, audio players, reading
# times, navigation bars and consent button rows.
SCRAPER_FURNITURE = [
    "Follow us on Facebook, Twitter and Instagram for the latest updates.",
    "Like us on Facebook and follow us on Instagram",
    "Follow us on X",
    "Listen to this article · 7 min",
    "Listen to this story · 4:12",
    "Listen",
    "5 min read",
    "Skip to main content | Menu | Search | Subscribe",
    "Home · News · Sport · Newsletters · Contact us",
    "Accept | Decline",
    "Accept all · Manage preferences",
    "More from this section",
]


@pytest.mark.parametrize("line", ISSUE_FURNITURE + SCRAPER_FURNITURE)
def test_issue_furniture_line_is_removed(rules, line):
    ends_page = {"Leave a Reply Cancel reply", "No comments:", "Post a Comment"}
    after = "" if line in ends_page else f"{ARTICLE}\n"
    raw = f"{ARTICLE}\n{line}\n{after}"
    assert _clean(raw, find_boilerplate(raw, rules)) == f"{ARTICLE}\n{after}"


def test_page_ending_marker_takes_reader_comments(rules):
    comments = "Anonymous said...\nGreat piece, I walked it on Sunday and loved every minute.\nReply\n"
    for marker in ("Leave a Reply Cancel reply", "3 comments:", "Post a Comment"):
        raw = f"{ARTICLE}\n{marker}\n{comments}"
        assert _clean(raw, find_boilerplate(raw, rules)) == f"{ARTICLE}\n"


def test_page_ending_marker_early_in_the_page_takes_only_its_line(rules):
    raw = f"Leave a Reply\n{ARTICLE}\n"
    assert _clean(raw, find_boilerplate(raw, rules)) == f"{ARTICLE}\n"


# ----------------------------------------------------------------------------- fixtures

PAIRS = sorted(FIXTURES.glob("*.clean.txt"))


def _pair(clean_path: Path) -> tuple[str, str]:
    page = clean_path.with_name(clean_path.name.replace(".clean.txt", ".txt"))
    return page.read_text(encoding="utf-8"), clean_path.read_text(encoding="utf-8")


def _furniture_lines(page: str, twin: str) -> list[tuple[int, str]]:
    """Lines of the page holding no article line: (offset, stripped text)."""
    article = [line.strip() for line in twin.splitlines() if line.strip()]
    out = []
    pos = 0
    for line in page.splitlines(keepends=True):
        text = line.strip()
        if text and not any(a in text for a in article):
            out.append((pos + line.index(text), text))
        pos += len(line)
    return out


def _coverage(page: str, twin: str, spans: list[Span]) -> tuple[int, list[str]]:
    mask = _removed(page, spans)
    lines = _furniture_lines(page, twin)
    misses = [text for off, text in lines if not all(mask[off : off + len(text)])]
    return len(lines), misses


def test_fixtures_exist():
    assert len(PAIRS) >= 8
    for clean_path in PAIRS:
        page, twin = _pair(clean_path)
        assert len(sentences(twin)) >= 5
        assert _furniture_lines(page, twin), f"{clean_path.name}: page has no furniture"


@pytest.mark.parametrize("clean_path", PAIRS, ids=lambda p: p.name.split(".")[0])
def test_fixture_keeps_every_article_line(rules, clean_path):
    page, twin = _pair(clean_path)
    spans = find_boilerplate(page, rules)
    _check_spans(page, spans, {r.name for r in rules.rules})
    mask = _removed(page, spans)
    for line in filter(None, (x.strip() for x in twin.splitlines())):
        at = page.find(line)
        assert at >= 0, f"fixture error: {line!r} not in page"
        hit = [s for s in spans if s.start < at + len(line) and at < s.end]
        assert not any(mask[at : at + len(line)]), f"article line removed: {line!r} by {hit}"


@pytest.mark.parametrize("clean_path", PAIRS, ids=lambda p: p.name.split(".")[0])
def test_fixture_cleans_to_its_twin(rules, clean_path):
    page, twin = _pair(clean_path)
    assert _clean(page, find_boilerplate(page, rules)).split() == twin.split()


def test_fixture_furniture_coverage_at_least_95_percent(rules):
    total = 0
    misses: list[str] = []
    for clean_path in PAIRS:
        page, twin = _pair(clean_path)
        n, missed = _coverage(page, twin, find_boilerplate(page, rules))
        total += n
        misses += [f"{clean_path.name}: {m}" for m in missed]
    assert total >= 100
    assert (total - len(misses)) / total >= 0.95, "furniture lines kept:\n" + "\n".join(misses)


def test_twin_itself_is_left_alone(rules):
    for clean_path in PAIRS:
        twin = clean_path.read_text(encoding="utf-8")
        spans = find_boilerplate(twin, rules)
        assert spans == [], f"{clean_path.name}: {[s.text for s in spans]}"


def test_consent_banner_of_a_cookie_notice_is_removed(rules):
    banner = (
        "This website stores cookies on your computer. These cookies are used to collect information "
        "about how you interact with our website. Accept | Decline"
    )
    raw = f"{banner}\n\n{ARTICLE}\n"
    assert _clean(raw, find_boilerplate(raw, rules)) == f"{ARTICLE}\n"


# ----------------------------------------------------------------------------- the keyword prefilter


def test_prefilter_reads_keywords_off_the_patterns():
    rules = compile_rules(
        _section(
            {"name": "ad", "scope": "line", "pattern": r"^[\s*-]*(?:Advertisement|Sponsored(?: content)?)\s*$"},
            {"name": "n", "scope": "tail", "pattern": r"^\s*(?:No|\d+)\s+comments?:$"},
            {"name": "credit", "scope": "match", "pattern": r"\s*Credit:\s*[^\n]{1,60}$"},
            {"name": "c", "scope": "paragraph", "pattern": r"\bwe use cookies\b"},
        )
    )
    pf = rules.prefilter
    assert pf.exhaustive
    assert {"advertisement", "sponsored", "no"} <= set(pf.anchored_rules)
    assert pf.digit_group  # "\d+ comments:" starts with a digit
    assert {"credit:", "cookies"} <= set(pf.token_rules)
    assert find_boilerplate("A story without any furniture at all.\nSecond line.", rules) == []
    raw = f"{ARTICLE}\n  * Advertisement\n{ARTICLE}\n12 comments:\nGreat.\n"
    assert [s.rule for s in find_boilerplate(raw, rules)] == ["ad", "n"]


def test_prefilter_falls_back_to_a_full_scan_without_keywords():
    rules = compile_rules(_section({"name": "any", "scope": "line", "pattern": r"^\W+$"}))
    assert not rules.prefilter.exhaustive
    assert [s.text for s in find_boilerplate("Text.\n***\nMore text.", rules)] == ["***\n"]


def _unfiltered(rules):
    return dataclasses.replace(rules, prefilter=None)


@pytest.mark.parametrize("variant", ["plain", "crlf", "upper"])
def test_prefilter_gives_the_spans_of_a_full_scan(rules, variant):
    """The keyword scan only skips lines a rule cannot match: same spans as every rule on every line."""
    paths = sorted(FIXTURES.glob("*.txt")) + sorted(SEEDS.glob("*.txt"))
    full = _unfiltered(rules)
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        raw = {"plain": raw, "crlf": raw.replace("\n", "\r\n"), "upper": raw.upper()}[variant]
        assert find_boilerplate(raw, rules) == find_boilerplate(raw, full), path.name


def test_prefilter_handles_case_folding_characters(rules):
    # "ſ" (long s) matches "s" case-insensitively but lower-cases to itself: full scan.
    raw = f"{ARTICLE}\nAdvertiſement\nShare thiſ:\n"
    assert find_boilerplate(raw, rules) == find_boilerplate(raw, _unfiltered(rules))
    assert [s.rule for s in find_boilerplate(raw, rules)] == ["ads.label", "share.prompt"]


# ----------------------------------------------------------------------------- seeds

SEED_REMOVED = {
    "000": [
        " (File photo)",
        " (File photo)",
        "To provide the best experiences, we use technologies like cookies to store and/or access device "
        "information. Consenting to these technologies will allow us to process data such as browsing "
        "behavior or unique IDs on this site. Not consenting or withdrawing consent, may adversely affect "
        "certain features and functions.",
    ],
    "001": [],
    "002": [],
    "003": [
        " Credit: John MacDougall/AFP",
        " Credit: Jack Taylor/PA Wire",
        " Credit: Anadolu via Getty Images",
        "No comments:\nPost a Comment",
    ],
    "004": [],
}


@pytest.mark.parametrize("prefix", sorted(SEED_REMOVED))
def test_seed_furniture_exactly(rules, prefix):
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip("seed documents not present")
    raw = paths[0].read_text(encoding="utf-8")
    spans = find_boilerplate(raw, rules)
    _check_spans(raw, spans, {r.name for r in rules.rules})
    assert [s.text for s in spans] == SEED_REMOVED[prefix]


def test_seed_tails_are_at_the_end(rules):
    for prefix in ("000", "003"):
        paths = sorted(SEEDS.glob(f"{prefix}_*.txt"))
        if not paths:
            pytest.skip("seed documents not present")
        raw = paths[0].read_text(encoding="utf-8")
        assert find_boilerplate(raw, rules)[-1].end == len(raw)


# ----------------------------------------------------------------------------- clough corpus


def _read(path: Path) -> str:
    """A file as the folder reader decodes it (UTF-8, else cp1252, as clough's files need)."""
    return decode(path.read_bytes(), ["utf-8", "cp1252"])[0]


@pytest.mark.skipif(not CLOUGH.is_dir(), reason="clough corpus not present")
def test_clough_answers_have_no_furniture(rules):
    found = {}
    paths = sorted(CLOUGH.glob("*.txt"))
    assert len(paths) >= 95
    for path in paths:
        spans = find_boilerplate(_read(path), rules)
        if spans:
            found[path.name] = [(s.rule, s.text) for s in spans]
    assert found == {}


def test_guillemet_quotations_are_not_navigation_links(rules):
    """French quotations open a line with « and may close it with »: not "← Previous post" links."""
    text = (
        "« Nous ne pouvons pas continuer ainsi », a déclaré le maire lors de la réunion.\n"
        "« C'est une décision difficile pour toute la commune »\n"
        "Les habitants ont répondu par une pétition : « Gardez notre école ouverte »\n"
    )
    assert find_boilerplate(text, rules) == []


def test_wordpress_post_navigation_block_is_removed(rules):
    page = "Post navigation\n← Council delays vote on seafront parking\nLifeboat crew rescue two kayakers off Gull Point →\n"
    spans = find_boilerplate(page, rules)
    assert "".join(s.text for s in spans) == page
