"""Full-text search as a clerk uses it: two-character words, proposers' names, exact phrases."""
from __future__ import annotations

import pytest

from desktop.services import entry
from desktop.services.search import search_everything
from desktop.store.fulltext import matching_proposal_ids

# title, body, proposers
PROPOSALS = {
    "parking": ("关于解决城区停车难问题的提案", "老城区车位不足，群众反映强烈。", ["张三"]),
    "order": ("关于规范停车秩序的提案", "老旧小区出行难，应当整治乱停乱放。", ["李四"]),
    "elderly": ("关于完善社区服务的提案", "加快发展居家养老服务，办好老年食堂。", ["单雄信"]),
    "care": ("关于加快养老服务体系建设的提案", "", ["王五", "曾国藩"]),
    "digital": ("关于推进5G基站和APP政务服务的提案", "方便群众掌上办事。", ["赵六"]),
    "split_fields": ("关于治理城区停车", "难题多，建议分步解决。", ["周七"]),
}


@pytest.fixture(scope="module")
def library(shared_office):
    """One office with the proposals above, on SQLite (FTS5) and PostgreSQL (portable LIKE)."""
    ids = {key: shared_office.register(title, *names, body=body).id
           for key, (title, body, names) in PROPOSALS.items()}
    return shared_office, ids


def found(library, query: str) -> set[str]:
    office, ids = library
    names = {v: k for k, v in ids.items()}
    return {names[pid] for pid in matching_proposal_ids(office.session, query)}


def test_two_character_words_are_found_in_titles_and_bodies(library):
    assert found(library, "停车") == {"parking", "order", "split_fields"}
    assert found(library, "养老") == {"elderly", "care"}  # body of one, title of the other


def test_a_proposal_is_found_by_its_proposers_names(library):
    assert found(library, "单雄信") == {"elderly"}
    assert found(library, "曾国藩") == {"care"}  # a co-signer, not only the lead
    assert found(library, "雄信") == {"elderly"}


def test_a_single_character_finds_every_word_it_is_in(library):
    assert found(library, "养") == {"elderly", "care"}
    assert found(library, "难") == {"parking", "order", "split_fields"}


def test_a_longer_phrase_must_appear_as_written(library):
    assert found(library, "停车难") == {"parking"}  # not 停车 … 出行难, not across title and body
    assert found(library, "解决城区停车难问题") == {"parking"}
    assert found(library, "停车问题") == set()


def test_several_words_must_all_appear(library):
    assert found(library, "停车 老旧小区") == {"order"}
    assert found(library, "养老，食堂") == {"elderly"}


def test_latin_letters_and_digits_ignore_case_and_width(library):
    for query in ("APP", "app", "App", "ＡＰＰ"):
        assert found(library, query) == {"digital"}, query
    assert found(library, "5g") == {"digital"}
    assert found(library, "5G基站") == {"digital"}


def test_nothing_to_search_finds_nothing(library):
    assert found(library, "") == set()
    assert found(library, "，。！") == set()
    assert found(library, "火星") == set()


def test_the_search_box_finds_proposals_of_a_member_typed_by_initials(library):
    office, ids = library
    result = search_everything(office.session, office.admin, "sxx")
    assert [m.name for m in result.members] == ["单雄信"]
    assert [row.id for row in result.proposals] == [ids["elderly"]]
    assert result.proposals[0].lead == "单雄信"


def test_after_a_title_is_corrected_the_old_word_no_longer_finds_it(office):
    proposal = office.register("关于解决城区停车难问题的提案", "张三", submit=False)
    assert matching_proposal_ids(office.session, "停车") == [proposal.id]
    entry.edit(office.session, office.admin, proposal.id, title="关于加快养老服务体系建设的提案")
    assert matching_proposal_ids(office.session, "停车") == []
    assert matching_proposal_ids(office.session, "养老") == [proposal.id]
    entry.edit(office.session, office.admin, proposal.id, body="建议增设老年食堂。")
    assert matching_proposal_ids(office.session, "食堂") == [proposal.id]
    entry.edit(office.session, office.admin, proposal.id,
               proposers=[entry.ProposerInput(office.member("李四").id)])
    assert matching_proposal_ids(office.session, "张三") == []
    assert matching_proposal_ids(office.session, "李四") == [proposal.id]
