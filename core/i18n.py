"""User-facing messages: Chinese by default (the users are civil servants), English on request."""

from __future__ import annotations

import os

LANGS = ("zh", "en")

MESSAGES: dict[str, tuple[str, str]] = {
    "error.empty": ("文件为空", "the file is empty"),
    "error.binary": ("不是文本文件（可能是二进制文件）", "not a text file (binary data)"),
    "error.undecodable": ("无法识别文件的文字编码", "cannot determine the file's text encoding"),
    "error.unreadable": ("无法读取文件：{detail}", "cannot read the file: {detail}"),
    "error.not_found": ("文件不存在", "no such file"),
    "error.document": ("{detail}", "{detail}"),
    "error.old_doc": (
        "旧版二进制 Word 文档（.doc/.wps）无法读取，请另存为 .docx 或 PDF",
        "an old binary Word document (.doc/.wps) cannot be read: save it as .docx or PDF",
    ),
    "error.missing_extra": (
        "读取 {detail} 需要可选组件：pip install 'nianbao[{detail}]'",
        "reading {detail} needs an optional extra: pip install 'nianbao[{detail}]'",
    ),
    "error.scanned": (
        "PDF 没有文字层（可能是扫描件），无法读取；请提供可复制文字的 PDF 或原文",
        "the PDF has no text layer (a scan?) and cannot be read; nianbao does no OCR",
    ),
    "error.encrypted": ("PDF 已加密，无法读取", "the PDF is encrypted and cannot be read"),
    "error.damaged": ("文件已损坏，无法读取：{detail}", "the file is damaged and cannot be read: {detail}"),
    "error.no_report": ("文件中没有找到年度报告的内容", "no annual report found in the document"),
    "error.too_large": (
        "文件过大（{detail}），不像一份年度报告",
        "the file is too large ({detail}) for an annual report",
    ),
    "lint.skipped": ("{path}：已跳过（{reason}）", "{path}: skipped ({reason})"),
    "lint.location": ("文档中的位置", "in the document"),
    "lint.fix_document": (
        "{path}：{kind} 文件不写入修复（nianbao 只改写文本文件；请在原文档中修改）",
        "{path}: fixes are not written to a {kind} file (nianbao rewrites text files only; edit the document itself)",
    ),
    "error.not_regular": ("不是普通文件（{detail}），未读取", "not a regular file ({detail}); not read"),
    "error.over_limit": (
        "文件过大（超过 {detail}），未读取（年报一般只有几 MB；可用 --max-file-size 或配置 max-file-size 调整）",
        "the file is larger than {detail}; not read (a report is a few MB; see --max-file-size or max-file-size)",
    ),
    "kind.fifo": ("命名管道", "a FIFO"),
    "kind.device": ("设备文件", "a device"),
    "kind.socket": ("套接字", "a socket"),
    "kind.other": ("特殊文件", "a special file"),
    "error.dialect": (
        "未安装名为 {name} 的格式方言；可用：{available}",
        "no dialect named {name}; installed: {available}",
    ),
    "error.internal": ("内部错误（请报告此问题）：{detail}", "internal error (please report it): {detail}"),
    "parse.title": ("标题", "title"),
    "parse.agency": ("发布机构", "agency"),
    "parse.period": ("统计期限", "period"),
    "parse.signed": ("成文日期", "signed"),
    "parse.year": ("统计年度", "year"),
    "parse.template": ("格式版本", "format version"),
    "parse.dialect": ("版式", "layout"),
    "parse.sections": ("章节", "sections"),
    "parse.none": ("（未识别）", "(not found)"),
    "parse.no_tables": ("未找到统计表格", "no statistics tables found"),
    "parse.template_name": ("{version}年版格式", "{version} format"),
    "table.t2": ("二、主动公开政府信息情况", "Table 2: proactive disclosure"),
    "table.t3": ("三、收到和处理政府信息公开申请情况", "Table 3: applications received and handled"),
    "table.t4": ("四、政府信息公开行政复议、行政诉讼情况", "Table 4: administrative review and litigation"),
    "table.row": ("项目", "row"),
    "dialects.title": ("已安装的格式方言", "Installed dialects"),
    "dialects.name": ("名称", "name"),
    "dialects.summary": ("说明", "description"),
    "dialects.source": ("来自", "from"),
    # lint
    "severity.error": ("错误", "error"),
    "severity.warning": ("警告", "warning"),
    "severity.info": ("提示", "info"),
    "severity.hint": ("建议", "hint"),
    "lint.fix_label": ("修复建议", "Fix"),
    "lint.fix_safe": ("（安全修复）", " (safe)"),
    "lint.fix_unsafe": ("（不安全修复，需加 --unsafe-fixes）", " (unsafe: needs --unsafe-fixes)"),
    "lint.related": ("相关", "Related"),
    "lint.related_more": ("……另有 {n} 处（--format sarif 列出全部）", "… {n} more (--format sarif lists them all)"),
    "lint.summary_title": ("按规则统计", "By rule"),
    "lint.col_code": ("代码", "code"),
    "lint.col_name": ("名称", "name"),
    "lint.col_count": ("数量", "count"),
    "lint.col_severity": ("级别", "severity"),
    "lint.clean": ("检查了 {files} 个文件，未发现问题。", "All checks passed ({files} file{s_files})."),
    "lint.found": ("检查了 {files} 个文件，发现 {n} 个问题", "Found {n} problem{s} in {files} file{s_files}"),
    "lint.paren": ("（{text}）。", " ({text})."),
    "lint.sep": ("，", ", "),
    "lint.join": ("", " "),
    "lint.count_error": ("错误 {n} 个", "{n} error{s}"),
    "lint.count_warning": ("警告 {n} 个", "{n} warning{s}"),
    "lint.count_info": ("提示 {n} 个", "{n} info"),
    "lint.count_hint": ("建议 {n} 个", "{n} hint{s}"),
    "lint.fixed": ("已修复 {n} 个问题。", "Fixed {n} problem{s}."),
    "lint.fixable": ("其中 {n} 个可用 --fix 自动修复。", "{n} fixable with --fix."),
    "lint.unsafe_available": (
        "另有 {n} 个可用 --unsafe-fixes 修复（请先核对）。",
        "{n} more fixable with --unsafe-fixes (review them first).",
    ),
    "lint.would_fix": ("可修复 {n} 个问题（未写入文件）。", "Would fix {n} problem{s} (nothing written)."),
    "lint.no_diff": ("没有可自动修复的内容。", "Nothing to fix."),
    "lint.progress": ("检查中", "Linting"),
    "error.dialect_failed": ("{detail}", "{detail}"),
    "error.config": ("配置文件有误：{detail}", "bad configuration: {detail}"),
    "error.selector": (
        "{option}：{value!r} 不是规则代码或前缀（例如 A301、A3、A、ALL）",
        "{option}: {value!r} is not a rule code or prefix (e.g. A301, A3, A, ALL)",
    ),
    "error.unknown_code": ("{option}：没有代码或前缀为 {value} 的规则", "{option}: no rule code or prefix {value}"),
    "error.closest": ("；最接近的：{codes}", "; closest: {codes}"),
    "error.severity_option": (
        "--severity：{value!r} 应写作 代码=级别（级别为 error、warning、info、hint）",
        "--severity: {value!r} should be CODE=LEVEL (LEVEL one of error, warning, info, hint)",
    ),
    "error.rule_failed": (
        "规则 {code} 运行出错（请报告此问题）：{detail}",
        "rule {code} failed (please report it): {detail}",
    ),
    "error.write_roundtrip": (
        "未写入修复：文件按其编码（{detail}）解码后再编码与原文件字节不一致，写回会改动修复之外的内容",
        "fixes not written: the file does not re-encode to its original bytes ({detail}), "
        "so writing it would change more than the fixes",
    ),
    "error.write_undecodable": (
        "未写入修复：文件中有无法按其编码（{detail}）解码的字节（见 N408），改写文件会丢失这些字节；"
        "请先用原始文件核对并改正这些地方",
        "fixes not written: the file holds bytes that are no {detail} text (see N408), and rewriting it "
        "would lose them; check those places against the original file and correct them first",
    ),
    "error.write_unencodable": (
        "未写入修复：修复后的文字无法用文件原有编码保存（{detail}）",
        "fixes not written: the fixed text cannot be saved in the file's encoding ({detail})",
    ),
    "error.write_changed": (
        "未写入修复：文件在检查期间被修改",
        "fixes not written: the file changed while it was linted",
    ),
    "error.write_readonly": (
        "未写入修复：文件是只读的（要修复，请先去掉只读属性）",
        "fixes not written: the file is read-only (make it writable to fix it)",
    ),
    "error.write_outside": (
        "未写入修复：符号链接指向所给目录之外（{detail}）；在命令行上直接指定此链接才会修复",
        "fixes not written: the symbolic link points outside the folders given ({detail}); "
        "name the link on the command line to fix it",
    ),
    "error.write_os": ("未写入修复：{detail}", "fixes not written: {detail}"),
    "error.fix_reparse": (
        "修复后的文字无法重新读取，已停止修复此文件：{detail}",
        "the fixed text could not be read again; stopped fixing this file: {detail}",
    ),
    "error.fix_unstable": (
        "修复经 {n} 轮仍未稳定，文件未作改动（请报告此问题）",
        "fixes did not settle after {n} rounds; the file was left unchanged (please report it)",
    ),
    "error.changed_during_run": (
        "文件在检查期间被修改，未显示其跨报告检查结果",
        "the file changed during the run: its cross-report findings are not shown",
    ),
    "error.no_files": (
        "没有找到要检查的文件（*.txt、*.md、*.markdown、*.text）：{detail}",
        "no files to lint (*.txt, *.md, *.markdown, *.text): {detail}",
    ),
    "error.no_reports": (
        "没有检查任何年报：{detail} 中找到的 {n} 个文件都不是年报",
        "no report was checked: the {n} file{s} found in {detail} are no annual reports",
    ),
    "lint.skipped_one": (
        "不是年报（没有标题、章节或统计表），已跳过",
        "no annual report (no title, section or table): skipped",
    ),
    "lint.skipped_files": (
        "跳过 {n} 个不是年报或无法作为年报读取的文件：{names}",
        "Skipped {n} file{s} that are no reports or cannot be read as one: {names}",
    ),
    "lint.not_checked": (
        "有 {n} 个文件未能完整检查，结果不完整：{names}",
        "{n} file{s} could not be checked fully, the result is incomplete: {names}",
    ),
    "lint.more_names": ("等", "…"),
    "lint.fixed_list": ("已修复 {n} 个问题：", "Fixed {n} problem{s}:"),
    "lint.would_fix_list": ("可修复 {n} 个问题：", "Would fix {n} problem{s}:"),
    "lint.in_baseline": ("另有 {n} 个问题已在基线中，未显示。", "{n} more in the baseline, not shown."),
    "lint.baseline_written": ("已把 {n} 个问题写入基线 {path}", "wrote {n} finding{s} to the baseline {path}"),
    "error.baseline": ("基线文件 {path} 不可用：{detail}", "baseline {path} cannot be used: {detail}"),
    # rules, explain
    "rules.title": ("已安装的检查规则", "Installed rules"),
    "rules.code": ("代码", "code"),
    "rules.name": ("名称", "name"),
    "rules.severity": ("级别", "severity"),
    "rules.fixable": ("可修复", "fixable"),
    "rules.scope": ("范围", "scope"),
    "rules.plugin": ("插件", "plugin"),
    "rules.summary": ("说明", "summary"),
    "rules.yes": ("是", "yes"),
    "rules.no": ("", ""),
    "rules.scope_document": ("单篇", "report"),
    "rules.scope_collection": ("多篇", "collection"),
    "rules.none": ("尚未安装任何规则。", "No rules are installed."),
    "explain.unknown": ("没有代码为 {code} 的规则", "no rule with the code {code}"),
    "explain.did_you_mean": ("；是否要找：{codes}", "; did you mean: {codes}"),
    "explain.checks": ("检查内容", "What it checks"),
    "explain.why": ("为何重要", "Why it matters"),
    "explain.example": ("示例", "Example"),
    "explain.fix": ("修复方法", "Fix"),
    "explain.severity": ("默认级别", "default severity"),
    "explain.fixable": ("可自动修复", "fixable"),
    "explain.not_fixable": ("不可自动修复", "not fixable"),
    "explain.plugin": ("来自", "from"),
    "explain.no_doc": ("（此规则没有说明文档）", "(this rule has no documentation)"),
    "error.output": ("无法写入 {path}：{detail}", "cannot write {path}: {detail}"),
    "export.progress": ("导出", "exporting"),
    "export.missing_extra": (
        "写 {suffix} 文件需要 {package}：pip install 'nianbao[{extra}]'",
        "writing {suffix} files needs {package}: pip install 'nianbao[{extra}]'",
    ),
    "export.bad_suffix": (
        "无法从文件名判断导出格式：{path}（可用 .csv、.xlsx、.parquet、.jsonl）",
        "cannot tell the export format from the file name: {path} (use .csv, .xlsx, .parquet or .jsonl)",
    ),
    "export.done": ("已导出 {n} 份报告到 {path}", "exported {n} report{s} to {path}"),
}


def default_lang() -> str:
    lang = os.environ.get("NIANBAO_LANG", "zh").lower()[:2]
    return lang if lang in LANGS else "zh"


def msg(key: str, lang: str = "zh", **kwargs: object) -> str:
    """A message; ``{s}`` (``{s_files}``) in English is the plural ending of ``n`` (``files``)."""
    zh, en = MESSAGES[key]
    for count, suffix in (("n", "s"), ("files", "s_files")):
        value = kwargs.get(count)
        if isinstance(value, int) and suffix not in kwargs:
            kwargs[suffix] = "" if value == 1 else "s"
    return (en if lang == "en" else zh).format(**kwargs)
