"""One Chinese sentence per error code: what happened and what to do (CLI and screens alike)."""
from __future__ import annotations

from desktop.domain.enums import State, UserRole
from desktop.domain.errors import DomainError
from desktop.wording.labels import LABELS

FIELDS = {
    "title": "案由", "reason": "理由", "note": "说明", "text": "内容", "proposer": "提案人",
    "sector": "界别", "member": "委员姓名", "unit": "单位名称", "organisation": "组织名称",
    "category": "类别", "username": "用户名", "leader": "督办领导",
    "disclosure_reason": "不公开理由", "assigned_on": "交办日期", "accepted_on": "签收日期",
    "contacted_on": "沟通日期", "replied_on": "答复日期", "evaluated_on": "评价日期",
    "followed_on": "跟踪日期", "due_on": "办理时限", "received_on": "收文日期",
    "proposal": "提案", "meeting": "会议", "assignment": "承办件", "user": "用户",
    "term": "届次", "sent_on": "送达日期", "method": "评价方式", "merge_into": "并入的单位",
    "proposal_to_supervise": "要督办的提案（先查找并选中）", "signer": "签发人",
}
ACTIONS = {
    "register": "录入", "edit": "修改", "submit": "提交审查", "forward": "送下一级审查",
    "file": "立案", "reject": "不予立案", "refer": "转为意见建议", "return": "退回修改",
    "merge": "并案", "split": "拆分", "withdraw": "撤回", "undo_review": "撤销审查决定",
    "number": "编提案号", "assign": "交办", "accept": "签收", "return_assignment": "退回交办",
    "request_adjustment": "申请调整", "decide_adjustment": "审批调整申请", "extend": "延期",
    "record_contact": "记录沟通", "reply": "答复", "evaluate": "录入评价",
    "assist_opinion": "送协办意见", "rehandle": "二次办理", "follow_up": "跟踪落实", "mark_key": "设为重点提案",
    "supervise": "领衔督办", "manage_base_data": "维护基础数据", "manage_users": "管理用户",
}

TEMPLATES = {
    "account_locked": "密码错误次数过多，账户已锁定至 {until}，请稍后再试或请管理员解锁。",
    "adjustment_pending": "{unit}已提出调整申请，正在等待提案委审批。",
    "adjustment_window_closed": "已超过交办后 {days} 天的期限（{last}），不能再退回或申请调整，请与提案委联系。",
    "already_accepted": "{unit}已签收{proposal}，无需重复签收。",
    "already_assigned": "{proposal}已有主办或分办单位；如需更换，请走调整承办单位流程。",
    "already_evaluated": "{unit}本轮答复的评价已录入，不能重复录入。",
    "already_initialized": "该数据库已经初始化，无需再次初始化。",
    "already_replied": "{unit}对{proposal}本轮已答复，如需补充请使用跟踪落实。",
    "assignment_ended": "{unit}对{proposal}的承办已结束（退回或已调整），不能再办理。",
    "assist_cannot_reply": "{unit}是协办单位，协办意见请送主办单位，由主办单位统一答复。",
    "assist_with_separate": "分办时每个单位单独答复，不能再指定协办单位。",
    "assist_without_lead": "请先指定主办单位，再添加协办单位。",
    "compilation_empty": "{meeting}还没有已立案并编号的提案，无法生成提案汇编；请先立案并编号。",
    "collective_needs_organisation": "集体提案的领衔者应为党派团体或专委会，请选择组织。",
    "database_busy": "数据库正被另一个程序占用，等了 10 秒仍未能保存，刚才的操作没有保存；请稍后再试（已输入的内容仍保留）。",
    "database_not_writable": "数据库文件是只读的，刚才的操作没有保存；请检查文件权限，或把它从只读的U盘、光盘复制到本机后再打开。",
    "database_io_error": "读写数据库文件时出错，刚才的操作没有保存；请检查磁盘或U盘是否已拔出。",
    "database_gone": "找不到数据库文件了，刚才的操作没有保存；请检查文件是否仍在原位置。",
    "database_locked": "数据库 {path} 正被另一个程序独占使用，现在打不开；请关闭那个程序或稍候再试。数据库没有损坏，不要用备份恢复。",
    "database_read_only": "数据库 {path} 是只读的，无法保存；请检查文件权限，或把它从只读的U盘、光盘复制到本机后再打开。",
    "database_unopenable": "数据库 {path} 现在打不开（{detail}）；完整性检查没有发现损坏，请稍后再试，或把日志交给技术人员。",
    "database_damaged": "数据库文件已损坏，无法打开（{path}），请用“恢复备份”还原最近的备份。",
    "database_on_network": "数据库文件在网络共享文件夹上（{path}），几台电脑同时使用会损坏数据；请把数据库放在本机磁盘上，单位之间用交换文件同步。",
    "database_on_removable": "数据库文件在U盘或移动硬盘上（{path}），拔出时会损坏数据；请先复制到本机磁盘再打开，U盘只用来备份和交换文件。",
    "database_missing": "找不到数据库文件 {path}，请先运行 tian init 创建，或检查路径。",
    "database_newer": "该数据库由更新版本的提案通创建，当前版本无法打开，请先升级提案通。",
    "database_not_ours": "该文件不是提案通的数据库，请检查路径。",
    "database_not_sqlite": "{path} 不是数据库文件，请检查路径。",
    "date_in_future": "{field}（{day}）不能晚于今天，请核对日期。",
    "date_too_early": "{field}（{day}）不能早于 {earliest}，请核对日期。",
    "deadline_days_invalid": "签收、退回的天数应在 0 到 60 天之间。",
    "deadline_months_invalid": "办理时限和二次办理时限应在 1 到 12 个月之间，延期上限在 0 到 12 个月之间。",
    "decision_needs_final_level": "{proposal}目前在第 {level} 级审查，立案等决定须在终审作出，请先送下一级审查。",
    "document_pattern_invalid": "格式“{pattern}”写得不对：只能用 {{meeting}}、{{number}}、{{category}}、{{short}}、{{year}}、{{n}}、{{unit}} 这些占位符，大括号要成对。",
    "category_name_line_invalid": "“{line}”看不懂：每行写一个答复类别，如 C＝留作参考（类别只能是 A、B、C、D）。",
    "unit_number_line_invalid": "“{line}”看不懂：每行写一个单位，格式为 单位名称＝发文字号格式，如 县教育局＝县教函〔{{year}}〕{{n}}号。",
    "export_kind_unknown": "没有“{kind}”这种文书，可导出：letters、forms、notices、proposals、compilation、ledger、stats。",
    "export_not_for_units": "承办单位不能导出{kind}，请向县政协提案委员会索取。",
    "libreoffice_missing": "这台电脑没有安装 LibreOffice，不能转换为 PDF；请直接用 Word 或 WPS 打开 .docx 文件打印。",
    "extension_beyond_maximum": "延期后的时限不能晚于 {latest}（已达延期上限）。",
    "extension_not_later": "延期后的时限应晚于当前时限 {due_on}。",
    "field_required": "请填写{field}。",
    "file_missing": "找不到文件 {path}，请检查后重试。",
    "follow_up_needs_b_or_c": "只有答复为 B 类或 C 类的提案才需要跟踪落实。",
    "individual_has_cosigners": "个人提案只能有一位提案人；有联名人时请选择“联名提案”。",
    "joint_needs_cosigners": "联名提案至少需要两位提案人，请添加联名人。",
    "lead_and_separate": "主办与分办只能选一种：主办（可加协办），或几个单位分别办理。",
    "last_admin": "这是最后一个可用的管理员账户，不能停用或改为其他角色；请先设置另一位管理员。",
    "login_failed": "用户名或密码不正确，请重新输入。",
    "login_failed_left": "用户名或密码不正确，还可尝试 {attempts_left} 次。",
    "meeting_exists": "{meeting}已存在。",
    "meeting_not_found": "没有名为“{meeting}”的会议，请检查会议名称（如：十届二次会议）。",
    "merge_into_itself": "不能把{proposal}并入它自己。",
    "merge_target_invalid": "{proposal}当前状态不能作为并案的主提案。",
    "no_adjustment_request": "{unit}没有待审批的调整申请。",
    "no_further_level": "{proposal}已在终审，请直接作出决定。",
    "no_reply_to_evaluate": "{unit}对{proposal}尚未答复，不能录入评价。",
    "not_accepted": "{unit}尚未签收{proposal}，请先签收再办理。",
    "nothing_to_undo": "{proposal}没有可以撤销的审查决定。",
    "nothing_assigned": "{unit}在{meeting}没有可列入交办通知的提案（或所选日期没有交办）。",
    "no_review_notice": "{proposal}当前不是“不予立案”或“转为意见建议”，没有审查结果通知可出。",
    "number_pattern_invalid": "编号格式“{pattern}”无法使用，请参照“第{{n}}号”或“{{year}}{{n:04}}”填写。",
    "number_pattern_unknown_field": "编号格式中的“{field}”无法识别，可用：n、year、term、meeting。",
    "number_pattern_without_n": "编号格式“{pattern}”缺少序号 {{n}}，会产生重复编号。",
    "opinion_from_assist_only": "{unit}是{proposal}的主办或分办单位，请直接答复；协办意见由协办单位填写。",
    "office_name_missing": "请填写政协名称。",
    "other_unit": "这是{unit}的承办件，您只能办理本单位的承办件。",
    "passwords_differ": "两次输入的密码不一致，请重新输入。",
    "password_too_short": "密码至少需要 {length} 位。",
    "proposer_required": "请至少填写一位提案人。",
    "proposer_twice": "提案人“{name}”重复，请删去一个。",
    "rehandle_without_reply": "{unit}本轮尚未答复，不能启动二次办理。",
    "reply_category_required": "请选择答复类别（A、B、C、D）。",
    "review_levels_invalid": "审查级数只能是 1、2 或 3。",
    "role_not_allowed": "您的角色（{role}）不能进行“{action}”操作。",
    "site_missing": "数据库尚未初始化，请先运行 tian init。",
    "search_too_long": "要查找的文字太长（最多 {limit} 个字），请只输入要找的关键词。",
    "split_needs_two_parts": "拆分至少需要两件提案。",
    "state_not_allowed": "{proposal}当前为“{state}”状态，不能进行“{action}”操作。",
    "template_missing_style": "模板 {path} 缺少样式“{style}”，请在模板中添加同名样式，或改用程序自带的模板。",
    "template_unreadable": "模板 {path} 不是可用的 Word 文档（.docx），请检查文件或改用程序自带的模板。",
    "term_exists": "{term}已存在。",
    "demo_seed_used": "这个数据库里已有用随机种子 {seed} 生成的演示数据，未再添加；要再加一批，请换一个种子（--seed）。",
    "office_name_too_long": "政协名称不能超过 {limit} 个字（它印在每份文书的版头和文件名里）。",
    "text_too_long": "{field}不能超过 {limit} 个字，请精简后再保存。",
    "path_too_long": "路径太长（{path}），系统不能创建或打开它；请换一个层级较浅、名称较短的文件夹。",
    "no_permission": "没有权限写入 {path}，未作改动；请换一个文件夹，或请管理员开放权限。",
    "read_only_place": "{path} 所在的位置是只读的（如写保护的U盘、光盘），未作改动；请换一个位置。",
    "argument_not_utf8": "命令参数中有无法识别的字符（不是 UTF-8 编码），未作任何改动；请检查输入法或终端的编码设置后重试。",
    "title_too_long": "案由不能超过 {length} 个字。",
    "undo_after_assignment": "{proposal}已经交办，不能撤销立案；请先处理交办。",
    "undo_split": "{proposal}已拆分，拆分不能撤销；请对拆分后的提案分别处理。",
    "unit_already_assigned": "{unit}已在承办单位中。",
    "unit_exists": "单位“{unit}”已存在。",
    "unit_inactive": "{unit}已撤并或停用，请选择其他单位。",
    "unit_merge_invalid": "不能把{unit}并入{into}。",
    "unit_not_found": "没有名为“{unit}”的单位，请检查单位名称或简称。",
    "unit_required": "请至少选择一个承办单位。",
    "unit_twice": "同一单位不能重复选择。",
    "unit_user_needs_unit": "承办单位经办人必须指定所属单位。",
    "username_taken": "用户名“{username}”已被使用。",
    "office_work_only": "这是提案委员会的工作，承办单位账号不能查看。",
    "other_units_proposal": "{proposal}没有交给本单位办理，不能查看。",
    "package_not_ours": "{path} 不是提案通的交换文件或已损坏，未导入任何内容。",
    "package_bad_part": "{path} 中有交换文件不应有的部件（{part}），可能被改动过，未导入任何内容。",
    "package_unknown_sender": "{path} 来自未登记的站点“{sender}”，未导入任何内容；请先在“数据交换”中登记该站点并核对指纹。",
    "package_retired_sender": "{path} 来自已停用的站点“{sender}”，未导入任何内容。",
    "package_signature_wrong": "{path} 的签名与“{sender}”的密钥不符（文件被改动过，或不是该站点发出的），未导入任何内容。",
    "package_damaged": "{path} 的内容与签名时不一致（{part}已损坏或被改动），未导入任何内容；请让对方重新发送。",
    "package_newer": "{path} 由更新版本的提案通生成，本机读不了；请先升级本机的提案通，未导入任何内容。",
    "package_not_for_here": "{path} 是“{sender}”发给另一个站点的，不是发给本机的，未导入任何内容。",
    "package_too_many_changes": "{path} 中的修改超过 {limit} 条，不像正常的交换文件，未导入任何内容。",
    "package_line_too_long": "交换文件中有一条修改超过 {limit} MB，不像正常的交换文件，未导入任何内容。",
    "roster_no_header": "在 {path} 的前几行中找不到“姓名”列，请确认第一个工作表是委员名册。",
    "roster_changed": "预览之后委员名单已有变动（可能有人同时在维护名册），未导入任何内容；请重新预览后再导入。",
    "file_unreadable": "无法读取 {path}（可能正被其他程序占用或没有权限），未导入任何内容。",
    "file_too_big": "{path} 超过{what}的大小上限 {limit}，未导入任何内容；请确认选对了文件。",
    "file_old_or_locked": "{path} 是旧版格式（.xls/.doc）或设了打开密码，不能作为{what}读取；请在 Office 或 WPS 中去掉密码并“另存为”新格式（.xlsx/.docx）后再试。",
    "file_not_archive": "{path} 不是{what}或已损坏，未导入任何内容。",
    "file_too_many_parts": "{path} 内部的部件超过 {limit} 个，不像正常的{what}，未导入任何内容。",
    "file_bomb": "{path} 解压后超过 {limit}（或压缩比超过 {ratio} 倍），不像正常的{what}，未导入任何内容。",
    "safe_xml_missing": "缺少安全解析组件 defusedxml，为防范恶意文件，暂不能读取外来的 Excel 文件；请重新安装提案通。",
    "workbook_old_excel": "{path} 是旧版 Excel 格式（.xls），请在 Excel 或 WPS 中“另存为”.xlsx 后再导入。",
    "workbook_macros": "{path} 是含宏的工作簿（.xlsm 等），为安全起见不予读取；请“另存为”普通的 .xlsx 后再导入。",
    "workbook_not_excel": "{path} 不是 Excel 工作簿（可能是改了扩展名的其他文件），未导入任何内容。",
    "workbook_damaged": "{path} 已损坏或内容不合规范，未导入任何内容；请在 Excel 或 WPS 中打开并重新保存后再试。",
    "workbook_no_sheet": "{path} 中没有工作表，未导入任何内容。",
    "workbook_too_slow": "读取 {path} 超过 {seconds} 秒仍未完成，已停止，未导入任何内容；请删去无关的行和列后再试。",
    "workbook_too_many_rows": "{path} 的第一个工作表有内容的行超过 {limit} 行，未导入任何内容；请只保留需要导入的行。",
    "workbook_too_many_columns": "{path} 的第一个工作表超过 {limit} 列（{column} 列起还有内容），未导入任何内容；请删去无关的列。",
    "workbook_cell_too_long": "{path} 第 {row} 行 {column} 列的内容超过 {limit} 个字，未导入任何内容；请核对该格。",
    "document_not_word": "{path} 不是 Word 文档（.docx），不能作为{what}。",
    "document_image_too_big": "{path} 中的图片 {image} 超过 {limit}，每份文书都会因此变得很大很慢；请压缩图片后再用作{what}。",
    "document_image_too_large": "{path} 中的图片 {image} 有 {width}×{height} 像素，过大；请缩小图片后再用。",
    "name_taken": "“{name}”已在列表中，请换一个名称。",
    "rating_required": "请分别选择办理态度和办理结果的评价（满意、基本满意或不满意）。",
    "record_not_found": "找不到所选的{kind}，可能已被删除或尚未同步，请刷新后重试。",
    "backup_failed": "备份未完成：{detail}。请检查目标位置是否可写、空间是否足够。",
    "backup_not_ours": "{path} 不是提案通的备份文件，未作任何改动。",
    "backup_exists": "{path} 已存在，未作改动；要替换它请加 --overwrite，或换一个文件名或文件夹。",
    "backup_onto_itself": "不能把数据库备份到它自己（{path}），请换一个文件名或文件夹。",
    "database_in_use": "数据库 {path} 正被另一个程序使用（可能是另一个提案通窗口或 tian 命令），请先关闭它再恢复；未作任何改动。",
    "backup_damaged": "备份文件 {path} 已损坏，未作任何改动；请换一份备份。",
    "disk_full_export": "磁盘空间不足，{folder} 中还有 {left} 个文件未写入（已写入的都是完整的）；请清理空间后重新导出。",
    "disk_full": "磁盘空间不足，操作未完成，数据未改动；请清理空间后重试。",
    "value_not_number": "“{value}”不是数字，请输入数字。",
    "value_invalid": "“{value}”不是有效的{field}。",
}


def _param(key: str, value: object) -> str:
    if key == "action" and isinstance(value, str):
        return ACTIONS.get(value, value)
    if key == "state" and isinstance(value, str):
        return LABELS[State].get(value, value)
    if key == "role" and isinstance(value, str):
        return LABELS[UserRole].get(value, value)
    if key in ("field", "kind") and isinstance(value, str):
        return FIELDS.get(value, value)
    return str(value)


def describe(error: DomainError) -> str:
    """The sentence a user reads for a rule's refusal."""
    code = error.code
    params = dict(error.params)
    if code == "login_failed" and "attempts_left" in error.params:
        code = "login_failed_left"
    template = TEMPLATES.get(code)
    if template is None:
        return f"操作未完成（{error.code}），请联系管理员。"
    params = {k: _param(k, v) for k, v in params.items()}
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template.split("，")[0] + "。"
