"""The 交办 screen's small models: the units to choose from, and the short lists held whole."""
from __future__ import annotations

from datetime import date

from desktop.domain.enums import AssignmentRole
from desktop.services import assignment
from desktop.services.assignment_lists import assignment_list
from desktop.services.unit_choice import unit_loads
from desktop.ui.models.row_table import RowTableModel
from desktop.ui.models.unit_choice import UnitChoiceModel
from desktop.ui.views.assign_pages import LIST_COLUMNS

AFTER_SCHOOL = "关于提升中小学课后服务质量的建议"


def test_the_unit_list_passes_qts_model_checks_and_shows_each_units_part(desk, qtmodeltester):
    model = UnitChoiceModel()
    qtmodeltester.check(model)
    model.set_units(unit_loads(desk.session, desk.admin))
    education = desk.unit("教育局").id
    model.set_role(education, AssignmentRole.LEAD)
    row = model.row_of(education)
    assert [model.index(row, c).data() for c in range(5)] == ["县教育局", "政府系统", "0", "", "主办"]
    assert model.chosen(AssignmentRole.LEAD) == [education]
    model.set_units(unit_loads(desk.session, desk.admin)[:3])  # a unit gone from the list drops its part
    assert model.chosen(AssignmentRole.LEAD) == []


def test_a_units_assignment_list_passes_qts_model_checks(desk, qtmodeltester):
    assignment.assign(desk.session, desk.admin, desk.proposals[AFTER_SCHOOL],
                      lead=desk.unit("教育局").id, assigned_on=date(2023, 3, 1))
    model = RowTableModel(LIST_COLUMNS)
    qtmodeltester.check(model)
    model.set_rows(assignment_list(desk.session, desk.admin, desk.meeting.id, desk.unit("教育局").id))
    assert [model.index(0, c).data() for c in range(model.columnCount())][1:] == [
        AFTER_SCHOOL, "赵六", "主办", "2023年3月1日", "2023年6月1日", "未签收"]
