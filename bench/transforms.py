"""Seeded text transformations that derive a copy from a source text, with known truth.

Each transform is a pure function ``(text, rng) -> str``: the same text and an
``random.Random`` in the same state give the same copy. They imitate how news is
reused (verbatim with page furniture, light and heavy edits, summaries, numbers
mangled, paraphrase without an LLM) so the detector can be scored per edit kind.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path
from typing import Callable

__all__ = [
    "TRANSFORMS",
    "corrupt_numbers",
    "heavy_edit",
    "light_edit",
    "paraphrase_like",
    "split_paragraphs",
    "summary",
    "verbatim_with_boilerplate",
    "word_ngram_jaccard",
]

SYNONYMS_PATH = Path(__file__).with_name("synonyms.tsv")

# --------------------------------------------------------------------------- text units

# A sentence ends at . ! ? (optionally followed by a closing quote or bracket) before
# whitespace and an upper-case letter, digit or opening quote.
_SPLIT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’')]))\s+(?=[\"“‘'(]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Sgt|Jr|No|vs)|\b[A-Z])\.$")
_WORD = re.compile(r"\w+")
_NUMBER = re.compile(r"(?<![\w.,])\d(?:[\d,]*\d)?(?:\.\d+)?(?![\w])")


def split_sentences(paragraph: str) -> list[str]:
    """Split one paragraph into sentences, re-joining cuts after common abbreviations."""
    out: list[str] = []
    for piece in _SPLIT.split(paragraph.strip()):
        piece = piece.strip()
        if not piece:
            continue
        if out and _ABBREV.search(out[-1]):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def split_paragraphs(text: str) -> list[list[str]]:
    """Split a text into paragraphs (blank-line separated), each a list of sentences."""
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return [s for s in (split_sentences(p) for p in paras if p) if s]


def _join(paras: list[list[str]]) -> str:
    return "\n\n".join(" ".join(p) for p in paras if p)


def word_ngram_jaccard(a: str, b: str, n: int = 5) -> float:
    """Jaccard similarity of the lower-cased word ``n``-gram sets of two texts."""

    def grams(t: str) -> set[tuple[str, ...]]:
        w = _WORD.findall(t.lower())
        return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}

    ga, gb = grams(a), grams(b)
    if not ga and not gb:
        return 1.0
    return len(ga & gb) / len(ga | gb)


# --------------------------------------------------------------------------- synonyms


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, tuple[str, ...]], frozenset[str], re.Pattern[str]]:
    """Load ``synonyms.tsv``: word -> alternatives, the adjective set, and a match regex."""
    syn: dict[str, list[str]] = {}
    adjectives: set[str] = set()
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, pos, alts = line.split("\t")
        syn.setdefault(word, []).extend(a for a in alts.split("|") if a not in syn.get(word, []))
        if pos == "adj" and " " not in word:
            adjectives.add(word)
    phrases = sorted((w for w in syn if " " in w), key=len, reverse=True)
    alternation = "|".join(re.escape(p) for p in phrases)
    pattern = re.compile(rf"\b(?:{alternation})\b|\b[A-Za-z]+\b", re.IGNORECASE)
    return {k: tuple(v) for k, v in syn.items()}, frozenset(adjectives), pattern


def _match_case(src: str, repl: str) -> str:
    return repl[:1].upper() + repl[1:] if src[:1].isupper() else repl


def _fix_articles(text: str) -> str:
    """Repair ``a``/``an`` after substitutions changed the following word."""
    text = re.sub(r"\b([Aa]) (?=[aeioAEIO])", r"\1n ", text)
    return re.sub(r"\b([Aa])n (?=[bcdfgjklmnpqrstvwxyz])", r"\1 ", text)


def _synonymize(sentence: str, rng: random.Random, rate: float) -> str:
    """Replace each known word or phrase with a synonym with probability ``rate``.

    Capitalized words are left alone except at the start of the sentence, so names
    such as "Rose" or "Supreme Court" survive.
    """
    syn, _, pattern = _table()
    lead = len(sentence) - len(sentence.lstrip("\"“‘'( "))

    def sub(m: re.Match[str]) -> str:
        word = m.group(0)
        alts = syn.get(word.lower())
        if not alts or (word[:1].isupper() and m.start() != lead) or word.isupper() and len(word) > 1:
            return word
        if rng.random() >= rate:
            return word
        return _match_case(word, rng.choice(alts))

    return pattern.sub(sub, sentence)


def _swap_some(paras: list[list[str]], rng: random.Random, count: int) -> list[list[str]]:
    """Replace about ``count`` known words, spread over randomly chosen sentences."""
    flat = [(i, j) for i, p in enumerate(paras) for j in range(len(p))]
    out = [list(p) for p in paras]
    for i, j in rng.sample(flat, min(count, len(flat))):
        out[i][j] = _synonymize(out[i][j], rng, 0.35)
    return out


# --------------------------------------------------------------------------- small edits

_AUX = ("is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can")
_INSERTS = ("also", "now", "reportedly", "still", "already", "recently")
_DELETABLE = frozenset(
    "very also just now still already really recently currently significantly largely nearly".split()
)


def _insert_word(sentence: str, rng: random.Random) -> str:
    spots = [m for m in re.finditer(r"\b(?:%s)\b" % "|".join(_AUX), sentence)]
    if not spots:
        return sentence
    m = rng.choice(spots)
    return f"{sentence[: m.end()]} {rng.choice(_INSERTS)}{sentence[m.end():]}"


def _delete_word(sentence: str, rng: random.Random) -> str:
    _, adjectives, _ = _table()
    spots = [
        m
        for m in re.finditer(r"\b([a-z]+) (?=[a-z])", sentence)
        if m.group(1) in _DELETABLE or m.group(1) in adjectives
    ]
    if not spots:
        return sentence
    m = rng.choice(spots)
    return sentence[: m.start()] + sentence[m.end() :]


def _drop_sentences(paras: list[list[str]], rng: random.Random, n: int) -> list[list[str]]:
    """Drop ``n`` randomly chosen sentences (never all of them); drop emptied paragraphs."""
    flat = [(i, j) for i, p in enumerate(paras) for j in range(len(p))]
    n = min(n, len(flat) - 1)
    gone = set(rng.sample(flat, n)) if n > 0 else set()
    out = [[s for j, s in enumerate(p) if (i, j) not in gone] for i, p in enumerate(paras)]
    return [p for p in out if p]


def _touch_words(paras: list[list[str]], rng: random.Random, n_ins: int, n_del: int) -> list[list[str]]:
    out = [list(p) for p in paras]
    flat = [(i, j) for i, p in enumerate(out) for j in range(len(p))]
    for k in range(n_ins + n_del):
        i, j = rng.choice(flat)
        out[i][j] = _insert_word(out[i][j], rng) if k < n_ins else _delete_word(out[i][j], rng)
    return out


# --------------------------------------------------------------------------- clause moves

_LEAD = re.compile(
    r"^(?P<adv>(?:On|In|By|Earlier|Last|Late|Early|After|During|Since|Before|Over|"
    r"Following|Across|Within|At)\b[^,\"“”]{1,45}), (?P<rest>[a-zA-Z][^\"“”]+?)(?P<end>[.!?])$"
)
_QUOTE_SAID = re.compile(r"^[\"“](?P<q>[^\"“”]+?),[\"”] (?P<who>[^,\"“”]{2,60}?) (?P<verb>said|says|added|told [a-z]+)\.$")
_SAID_THAT = re.compile(r"^(?P<who>[A-Z][^,\"“”]{1,50}?) (?P<verb>said|says) (?:that )?(?P<rest>[^\"“”]+?)\.$")


_STARTERS = frozenset(
    """the a an it its this that these those there they he she we you no nobody none everyone
    everybody every each some many all most our their his her what when where if as one""".split()
)


def _lower_first(s: str) -> str:
    """Lower-case the first letter unless the first word looks like a name or acronym."""
    first = s.split(" ", 1)[0]
    syn, _, _ = _table()
    if first.lower() in syn or first.lower() in _STARTERS:
        return s[:1].lower() + s[1:]
    return s


def _move_clause(sentence: str, rng: random.Random, paraphrase: bool = False) -> str:
    """Move a leading adverbial to the end, or rephrase a quote attribution."""
    m = _LEAD.match(sentence)
    if m:
        rest = m.group("rest")
        adv = m.group("adv")
        adv = adv[:1].lower() + adv[1:]
        return f"{rest[:1].upper()}{rest[1:]} {adv}{m.group('end')}"
    m = _QUOTE_SAID.match(sentence)
    if m:
        q, who = m.group("q"), m.group("who")
        if paraphrase and not re.match(r"(?:I|We|My|Our|Me|Us)\b", q):
            return f"According to {who}, {_lower_first(q)}."
        return f"{who[:1].upper()}{who[1:]} {m.group('verb')}: \u201c{q}.\u201d"
    m = _SAID_THAT.match(sentence)
    if m and paraphrase:
        rest = m.group("rest")
        return f"{rest[:1].upper()}{rest[1:]}, {m.group('who')} {m.group('verb')}."
    return sentence


# --------------------------------------------------------------------------- transforms

_HEADERS = (
    "We use cookies to improve your experience on our site. By continuing to browse, you agree to our "
    "use of cookies. Accept all cookies | Manage preferences",
    "This website stores cookies on your computer. These cookies are used to collect information about "
    "how you interact with our website. Accept | Decline",
    "Your privacy choices: we and our {n} partners store and access information on your device. "
    "I agree | Learn more",
    "Advertisement",
    "Photo: {name}/Getty Images",
    "Sign up for our newsletter to get the latest stories delivered to your inbox.",
    "Skip to main content | Menu | Search | Subscribe",
    "Listen to this article · {m} min",
)
_FOOTERS = (
    "Share this:\nFacebook\nTwitter\nEmail\nPrint",
    "Sign up for our newsletter. Get the day's top headlines delivered to your inbox every morning.",
    "No comments:\n\nPost a Comment",
    "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n\n"
    "Comment *\n\nName *\n\nEmail *",
    "Copyright {y} The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed without permission.",
    "Advertisement",
    "Photo: {name}/Getty Images",
    "Related stories\n\nMore from this section\n\nMost read",
    "Posted by {name} at {h}:{mm} PM | Labels: news, local",
    "Follow us on Facebook, Twitter and Instagram for the latest updates.",
)
_PHOTOGRAPHERS = ("Anna Weber", "John Moore", "Mario Tama", "Chip Somodevilla", "Kena Betancur", "Staff")


def _furniture(template: str, rng: random.Random) -> str:
    return template.format(
        n=rng.randint(100, 900),
        m=rng.randint(2, 9),
        name=rng.choice(_PHOTOGRAPHERS),
        y=rng.randint(2019, 2025),
        h=rng.randint(1, 12),
        mm=f"{rng.randint(0, 59):02d}",
    )


def verbatim_with_boilerplate(text: str, rng: random.Random) -> str:
    """The text unchanged, wrapped in 1-2 header and 2-4 footer items of page furniture."""
    head = [_furniture(t, rng) for t in rng.sample(_HEADERS, rng.randint(1, 2))]
    foot = [_furniture(t, rng) for t in rng.sample(_FOOTERS, rng.randint(2, 4))]
    return "\n\n".join([*head, text.strip(), *foot]) + "\n"


def light_edit(text: str, rng: random.Random) -> str:
    """A few synonyms, one or two sentences dropped, a few words inserted or deleted."""
    paras = split_paragraphs(text)
    n = sum(len(p) for p in paras)
    paras = _drop_sentences(paras, rng, rng.randint(1, 2) if n > 4 else 0)
    paras = _swap_some(paras, rng, rng.randint(3, 6))
    paras = _touch_words(paras, rng, rng.randint(1, 2), rng.randint(1, 3))
    return _fix_articles(_join(paras)) + "\n"


def heavy_edit(text: str, rng: random.Random) -> str:
    """Drop ~30% of sentences, shuffle sentences and paragraphs, heavy synonyms, clause moves."""
    paras = split_paragraphs(text)
    n = sum(len(p) for p in paras)
    paras = _drop_sentences(paras, rng, round(0.3 * n))
    for p in paras:
        rng.shuffle(p)
    rng.shuffle(paras)
    out = [
        [_synonymize(_move_clause(s, rng) if rng.random() < 0.6 else s, rng, 0.55) for s in p]
        for p in paras
    ]
    return _fix_articles(_join(out)) + "\n"


def summary(text: str, rng: random.Random) -> str:
    """Keep 30-50% of sentences, lead-biased, in order; sometimes lightly edited."""
    flat = [s for p in split_paragraphs(text) for s in p]
    k = max(1, round(len(flat) * rng.uniform(0.3, 0.5)))
    # Weighted sampling without replacement (Efraimidis-Spirakis keys), the lead always kept.
    keys = sorted(range(1, len(flat)), key=lambda i: -(rng.random() ** ((i + 1) ** 0.8)))
    keep = sorted([0, *keys[: k - 1]])
    chosen = [flat[i] for i in keep]
    if rng.random() < 0.5:
        chosen = [_synonymize(s, rng, 0.15) for s in chosen]
    paras: list[list[str]] = []
    while chosen:
        size = rng.randint(1, 3)
        paras.append(chosen[:size])
        chosen = chosen[size:]
    return _fix_articles(_join(paras)) + "\n"


def _digits_to(number: str, digits: str) -> str:
    """Format ``digits`` (with an optional '.') like ``number`` (thousands commas kept)."""
    if "," in number and "." not in digits:
        return f"{int(digits):,}" if digits else digits
    return digits


def _corrupt_one(number: str, rng: random.Random) -> str:
    """Drop a digit, transpose two adjacent digits, or change one figure."""
    plain = number.replace(",", "")
    idx = [i for i, c in enumerate(plain) if c.isdigit()]
    ops = ["change"]
    if len(idx) >= 2:
        ops += ["drop", "transpose"]
    op = rng.choice(ops)
    chars = list(plain)
    if op == "drop":
        del chars[rng.choice(idx[1:] if len(idx) > 1 else idx)]
    elif op == "transpose":
        pairs = [(a, b) for a, b in zip(idx, idx[1:]) if b == a + 1 and chars[a] != chars[b]]
        if not pairs:
            return _corrupt_one(number, rng) if len(set(plain) - {"."}) > 1 else str(int(float(plain)) + 1)
        a, b = rng.choice(pairs)
        chars[a], chars[b] = chars[b], chars[a]
    else:
        i = rng.choice(idx)
        chars[i] = rng.choice([d for d in "0123456789" if d != chars[i] and not (d == "0" and i == 0)])
    return _digits_to(number, "".join(chars).lstrip(".") or "0")


def corrupt_numbers(text: str, rng: random.Random) -> str:
    """A light edit, then 1-3 numbers corrupted (dropped digit, transposition, new figure).

    Every corrupted number is a value absent from the source, so at least one number
    of the copy does not occur in the original when the original has numbers.
    """
    source_numbers = set(_NUMBER.findall(text))
    edited = light_edit(text, rng)
    spans = list(_NUMBER.finditer(edited))
    if not spans:
        return edited
    chosen = sorted(rng.sample(spans, min(len(spans), rng.randint(1, 3))), key=lambda m: m.start())
    out, last = [], 0
    for m in chosen:
        new = m.group(0)
        for _ in range(20):
            new = _corrupt_one(m.group(0), rng)
            if new not in source_numbers and new != m.group(0):
                break
        out += [edited[last : m.start()], new]
        last = m.end()
    out.append(edited[last:])
    return "".join(out)


_SMALL = ("zero one two three four five six seven eight nine ten eleven twelve").split()
_FRAMES_HEAD = (
    "Here is what we know so far.",
    "The following is an overview of the latest developments.",
    "New details have emerged in a developing story.",
    "This is a summary of events as they stand.",
)
_FRAMES_TAIL = (
    "The situation continues to evolve.",
    "Further updates are expected in the coming days.",
    "It remains unclear what will happen next.",
    "Officials have not released further details.",
)
_SPLITTERS = ((", but ", "However, "), (", and ", "In addition, "), ("; ", ""), (", while ", "Meanwhile, "))


def _split_or_merge(sentences: list[str], rng: random.Random) -> list[str]:
    """Split long sentences at a conjunction and merge short neighbours with 'and'."""
    out: list[str] = []
    for s in sentences:
        words = s.split()
        done = False
        if len(words) > 18 and '"' not in s and "“" not in s:
            for sep, opener in _SPLITTERS:
                cut = s.find(sep, len(s) // 4)
                if 0 < cut < len(s) * 3 // 4:
                    tail = s[cut + len(sep) :]
                    tail = tail[:1].upper() + tail[1:]
                    if opener:
                        tail = opener + _lower_first(tail)
                    out += [s[:cut] + ".", tail]
                    done = True
                    break
        if not done:
            prev = out[-1] if out else ""
            if (
                prev
                and len(prev.split()) < 14
                and len(words) < 14
                and prev.endswith(".")
                and not any(q in prev + s for q in "\"“”")
                and rng.random() < 0.7
            ):
                out[-1] = f"{prev[:-1]}, and {_lower_first(s)}"
            else:
                out.append(s)
    return out


_CONTRACTIONS = {
    "do not": "don't", "does not": "doesn't", "did not": "didn't", "is not": "isn't",
    "are not": "aren't", "was not": "wasn't", "were not": "weren't", "cannot": "can't",
    "will not": "won't", "would not": "wouldn't", "could not": "couldn't", "have not": "haven't",
    "has not": "hasn't", "it is": "it's", "we are": "we're", "they are": "they're", "I am": "I'm",
    "we have": "we've", "I have": "I've", "that is": "that's", "there is": "there's",
}
_CONTRACTIONS.update({v: k for k, v in list(_CONTRACTIONS.items())})
_CONTRACTIONS = {k.lower(): v for k, v in _CONTRACTIONS.items()}
_CONTRACTION = re.compile(
    r"\b(?:%s)(?!\w)" % "|".join(re.escape(k) for k in sorted(_CONTRACTIONS, key=len, reverse=True)),
    re.IGNORECASE,
)
_DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"


def _rephrase_small(sentence: str) -> str:
    """Toggle contractions, drop 'on' before weekdays and 'that' after reporting verbs,
    invert quote attributions and spell money as '412 million dollars'."""
    sentence = _CONTRACTION.sub(lambda m: _match_case(m.group(0), _CONTRACTIONS[m.group(0).lower()]), sentence)
    sentence = re.sub(rf"\b[Oo]n ({_DAYS})\b", r"\1", sentence)
    sentence = re.sub(r"\b(said|says|noted|believes?|thinks?|added) that\b", r"\1", sentence)
    # Invert quote attributions: '," Name said.' <-> '," said Name.'
    who = r"(?:[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}|the [a-z]+)"
    inverted = re.sub(rf"([,?!][\"”]) ({who}) (said|says)\.$", r"\1 \3 \2.", sentence)
    if inverted == sentence:
        inverted = re.sub(rf"([,?!][\"”]) (said|says) ({who})\.$", r"\1 \3 \2.", sentence)
    sentence = inverted
    return re.sub(r"\$(\d[\d,.]*) (million|billion)\b", r"\1 \2 dollars", sentence)


def _rewrite_numbers(sentence: str) -> str:
    sentence = re.sub(r"(\d) percent\b", r"\1%", sentence)
    sentence = re.sub(r"(?<![\d.,$])\b([0-9]|1[0-2])\b(?![.,]\d|-[a-z])", lambda m: _SMALL[int(m.group(1))], sentence)
    return sentence


def paraphrase_like(text: str, rng: random.Random) -> str:
    """The strongest non-LLM rewrite: clause moves, splits and merges, adjectives dropped,
    nearly every known word replaced, numbers respelled and a generic framing sentence.

    The aim is a copy that keeps the facts but shares few word 5-grams with the source.
    """
    _, adjectives, _ = _table()
    out_paras: list[list[str]] = []
    for p in split_paragraphs(text):
        sents = [_move_clause(s, rng, paraphrase=True) for s in p]
        sents = _split_or_merge(sents, rng)
        new = []
        for s in sents:
            s = re.sub(
                r"(?<!\bmost )(?<!\bmore )(?<!\bvery )(?<!\bless )(?<!\bso )(?<!\btoo )\b([a-z]+) (?=[a-z])",
                lambda m: "" if m.group(1) in adjectives and rng.random() < 0.7 else m.group(0),
                s,
            )
            s = _synonymize(_rephrase_small(_rewrite_numbers(s)), rng, 0.95)
            new.append(s[:1].upper() + s[1:])
        out_paras.append(new)
    if rng.random() < 0.5:
        out_paras.insert(0, [rng.choice(_FRAMES_HEAD)])
    else:
        out_paras[0].insert(0, rng.choice(_FRAMES_HEAD))
    out_paras.append([rng.choice(_FRAMES_TAIL)])
    return _fix_articles(_join(out_paras)) + "\n"


TRANSFORMS: dict[str, Callable[[str, random.Random], str]] = {
    "verbatim_with_boilerplate": verbatim_with_boilerplate,
    "light_edit": light_edit,
    "heavy_edit": heavy_edit,
    "summary": summary,
    "corrupt_numbers": corrupt_numbers,
    "paraphrase_like": paraphrase_like,
}
