"""Exact and near duplicates built from text of our own."""

from __future__ import annotations

ARTICLE = """The city council voted on Tuesday to close the old harbour bridge for repairs, ending weeks of debate.
Engineers found corrosion in 14 of the bridge's 52 steel cables during an inspection in March, according to a report published by the council.
The closure will last at least nine months and is expected to cost 23.5 million euros, the council's finance committee said.
"We cannot risk the safety of the 40,000 people who cross this bridge every day," said the mayor, Ana Lindqvist.
Local shop owners on the north bank fear a drop in customers while the bridge is closed.
A temporary ferry service will run every fifteen minutes between the two banks from next Monday.
Critics say the council ignored warnings from a 2019 survey that first pointed to rust in the cables.
The repair contract was awarded to a consortium led by the engineering firm Holm & Berg after a public tender.
Work is due to start in early June, weather permitting, and will continue through the winter months.
The council will publish monthly updates on the progress of the repairs on its website."""

FURNITURE = """

Share this:
Facebook
Twitter

Sign up for our newsletter to get the latest local news in your inbox.

No comments:
Post a Comment"""

OTHER = """A new public library opened its doors in the western district on Saturday after three years of construction.
The building, designed by the architect Marta Souza, holds more than 120,000 books and a large children's wing.
Visitors queued from early morning, and the library registered 2,300 new members on its first day.
"Reading is the foundation of a healthy democracy," the culture minister said at the opening ceremony.
The project cost 18 million euros, partly funded by a grant from the national heritage fund.
Opening hours will be extended during the exam period to give students more space to study."""


def write(folder, name, text):
    (folder / name).write_text(text, encoding="utf-8")


def relation(lineage, a, b):
    for r in lineage.relations:
        if {r.parent, r.child} == {a, b} or set(r.members) == {a, b}:
            return r
    return None


def test_verbatim_copy_is_exact_duplicate(tmp_path, scan):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", ARTICLE)
    write(tmp_path, "c.txt", OTHER)
    lineage = scan(tmp_path)
    r = relation(lineage, "a.txt", "b.txt")
    assert r is not None and r.kind == "exact_duplicate" and r.score == 1.0
    assert lineage.roles[r.child] == "duplicate"
    assert relation(lineage, "a.txt", "c.txt") is None


def test_copy_wrapped_in_furniture_is_a_duplicate_of_its_clean_twin(tmp_path, scan):
    write(tmp_path, "clean.txt", ARTICLE)
    write(tmp_path, "wrapped.txt", "Advertisement\n\n" + ARTICLE + FURNITURE)
    lineage = scan(tmp_path)
    r = relation(lineage, "clean.txt", "wrapped.txt")
    assert r is not None and r.kind in ("exact_duplicate", "near_duplicate")
    wrapped = next(d for d in lineage.documents if d.id == "wrapped.txt")
    assert any("Post a Comment" in s.text for s in wrapped.boilerplate)


def test_few_words_changed_is_near_duplicate(tmp_path, scan):
    edited = ARTICLE.replace("ending weeks of debate", "ending a long debate").replace(
        "Local shop owners", "Shopkeepers"
    )
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", edited)
    lineage = scan(tmp_path)
    r = relation(lineage, "a.txt", "b.txt")
    assert r is not None and r.kind == "near_duplicate"
    assert 0.6 <= r.score < 1.0


def test_unrelated_documents_stay_apart(tmp_path, scan):
    write(tmp_path, "a.txt", ARTICLE)
    write(tmp_path, "b.txt", OTHER)
    lineage = scan(tmp_path)
    assert lineage.relations == []
    assert lineage.roles == {"a.txt": "original", "b.txt": "original"}


def test_documents_with_no_text_are_related_to_nothing(tmp_path, scan):
    write(tmp_path, "empty.txt", "")
    write(tmp_path, "blank.txt", "   \n\n ")
    write(tmp_path, "furniture.txt", ARTICLE[:0] + "No comments:\nPost a Comment\n")
    write(tmp_path, "a.txt", ARTICLE)
    lineage = scan(tmp_path)
    assert lineage.relations == []
    assert not lineage.errors


SCRAPER_FURNITURE = """

Photo: Kena Betancur/Getty Images

Posted by Harbour Watch Staff at 4:17 PM | Labels: council, bridges

Copyright 2024 Harbour Watch Media. All rights reserved. This material may not be republished without permission."""

SECOND_SCRAPER = """Skip to main content | Menu | Search | Subscribe

"""


def test_copy_of_a_verbatim_copy_goes_to_the_copy_whose_furniture_it_carries(tmp_path, scan):
    """The article text of all three is the same, so only the page furniture the second
    scraper copied along tells that it took the article from the first scraper's page."""
    write(tmp_path, "a_original.txt", ARTICLE)
    write(tmp_path, "b_scraped.txt", ARTICLE + SCRAPER_FURNITURE)
    write(tmp_path, "c_rescraped.txt", SECOND_SCRAPER + ARTICLE + SCRAPER_FURNITURE)
    lineage = scan(tmp_path)
    assert lineage.parents["b_scraped.txt"] == ["a_original.txt"]
    assert lineage.parents["c_rescraped.txt"] == ["b_scraped.txt"]
    r = relation(lineage, "b_scraped.txt", "c_rescraped.txt")
    choice = r.evidence["parent_choice"]
    assert choice["by"] == "shared_furniture"
    assert any("harbour watch media" in line for line in choice["furniture_lines"])


def test_stock_furniture_alone_does_not_make_a_copy_the_parent(tmp_path, scan):
    """Two copies that each wrap the original in the same stock newsletter prompt are
    siblings: one carrying a stock line of the other is no sign it copied that page."""
    write(tmp_path, "a_original.txt", ARTICLE)
    write(tmp_path, "b_copy.txt", ARTICLE + FURNITURE + SCRAPER_FURNITURE)
    write(tmp_path, "c_copy.txt", SECOND_SCRAPER + ARTICLE + FURNITURE)
    lineage = scan(tmp_path)
    assert lineage.parents["b_copy.txt"] == ["a_original.txt"]
    assert lineage.parents["c_copy.txt"] == ["a_original.txt"]
