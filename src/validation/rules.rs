//! The rule table: every check the validator runs, with its code, severity,
//! category, what it checks and why. The documentation table is generated
//! from this list ([`rules_markdown`]) and a test keeps the committed copy
//! current.

use super::{Category, Severity};

/// One validation rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rule {
    /// The stable machine-readable code (`ref.unresolved`).
    pub code: &'static str,
    /// How serious a breach is.
    pub severity: Severity,
    /// The group the rule belongs to.
    pub category: Category,
    /// What the rule checks.
    pub checks: &'static str,
    /// Why a reviewer cares.
    pub why: &'static str,
}

macro_rules! rules {
    ($($name:ident = $code:literal, $severity:ident, $category:ident, $checks:literal, $why:literal;)+) => {
        $(
            #[doc = concat!("`", $code, "`: ", $checks)]
            pub const $name: Rule = Rule {
                code: $code,
                severity: Severity::$severity,
                category: Category::$category,
                checks: $checks,
                why: $why,
            };
        )+

        /// Every rule, in the order of the documentation table.
        pub const RULES: &[Rule] = &[$($name),+];
    };
}

rules! {
    PARSE_SYNTAX = "parse.syntax", Error, Parse,
        "The text is JSON.",
        "Nothing can be read from a file that is not JSON; the error names the line and column.";
    PARSE_EOF = "parse.eof", Error, Parse,
        "The JSON is complete.",
        "A truncated file loses records silently unless it is rejected.";
    PARSE_DATA = "parse.data", Error, Parse,
        "The JSON has the document's shape: known fields, right types, required fields present, values that fit their types (identifiers, dates that exist, shares 0-100, e-mail addresses, links, language codes, code-list values).",
        "A misspelt field or code would otherwise be dropped or misread; the error names the path and suggests the nearest valid name.";
    PARSE_IO = "parse.io", Error, Parse,
        "The document can be read.",
        "An unreadable file must not count as checked.";
    ID_DUPLICATE = "id.duplicate", Error, Identifiers,
        "Identifiers are unique within their kind (implementers, work packages, objectives, events, outputs, measures, assessments, factors, lessons, recommendations, regional parts, source documents, a programme's projects, and since 1.2 its aims and activities).",
        "References by identifier are ambiguous when two records share one.";
    REF_UNRESOLVED = "ref.unresolved", Error, References,
        "Every reference resolves: to an implementer, work package, objective, event, output, measure, assessment, regional part or source document of the same document (an output's `makers` and `funders` to implementers, since 1.2); a project is not its own related project.",
        "A dangling reference hides a typo or a missing record.";
    REF_CYCLE = "ref.cycle", Error, References,
        "`part_of` chains, the objective hierarchy and the organisation hierarchy (`parent`) have no cycles.",
        "A figure inside itself cannot be counted once; an objective or an organisation cannot be its own ancestor.";
    REF_OBJECTIVE_LEVEL = "ref.objective_level", Warning, References,
        "An objective's parent is at a higher level (overall aim > objective > sub-objective > intended result).",
        "A hierarchy that runs upwards is usually a wrong parent.";
    REF_OVERLAP_AND_PART = "ref.overlap_and_part_of", Warning, References,
        "A record does not list as a possible overlap the record it is declared part of, nor itself.",
        "The two statements contradict each other: either the figure is inside the other or that is unknown.";
    ORG_ADMINISTRATOR = "org.administrator_count", Error, Organisations,
        "A project with implementers has exactly one administrator.",
        "The administrator answers for the grant; none or two leaves that open.";
    ORG_NO_FUNDER = "org.no_funder", Error, Organisations,
        "A project with implementers has an implementer with the funder role.",
        "Every project in the programme is funded by someone; the funder must be on record.";
    ORG_UNNAMED_WITHOUT_REGION = "org.unnamed_without_region", Error, Organisations,
        "An implementer without a name (an organisation the source knows only by its region) names its counties.",
        "An unnamed organisation with no region says nothing about who took part.";
    ORG_NO_ROLES = "org.no_roles", Error, Organisations,
        "Every implementer has at least one role.",
        "An organisation with no role says nothing about its part in the project.";
    ORG_DUPLICATE_ROLE = "org.duplicate_role", Warning, Organisations,
        "An implementer lists each role once.",
        "A repeated role is a copy error and would be counted twice.";
    ORG_COUNTY_OUTSIDE_AREA = "org.county_outside_area", Warning, Organisations,
        "Counties named for a project, its implementers, events, outputs, measures, milestones and regional parts (and for a programme's projects) belong to the collaborative area.",
        "A county from another area is usually a typo; cross-area work deserves a note.";
    FUNDING_FUNDER_ROLE = "funding.funder_role", Error, Funding,
        "`funding.funder` is an implementer with the funder role.",
        "The funder named for the money must be the organisation recorded as funder.";
    FUNDING_SHARES_TOTAL = "funding.shares_total", Error, Funding,
        "Funding shares never add up to more than 100 %, and to exactly 100 % when every part states a share and the parts are the whole budget (`parts_complete`, true unless stated otherwise); a programme's funding rule, when it states both shares, makes up 100 % (since 1.2).",
        "Shares that do not add up mean a part is missing or a figure is wrong; a partial breakdown may leave a share unstated, never exceed the whole.";
    FUNDING_PARTS_TOTAL = "funding.parts_total", Error, Funding,
        "Exact part amounts never add up to more than an exact total, and equal it when every part states an exact amount and the parts are the whole budget.",
        "The budget's parts must make up the budget; a partial breakdown may fall short of it, never exceed it.";
    FUNDING_AMOUNT_SHARE = "funding.amount_share_mismatch", Warning, Funding,
        "A part's stated amount is within 1 € of its stated share of the total (computed exactly); an amount further off that the stated share can still be a rounding of (80 % stands for 79.5-80.5 %) is reported with the exact figures. With an approximate total or amount, only a share that cannot be a rounding is reported, and as a warning.",
        "Reports round shares; a careful reviewer checks the exact product and wants the difference in euros.";
    FUNDING_AMOUNT_SHARE_CONFLICT = "funding.amount_share_conflict", Error, Funding,
        "An exact amount is a share of an exact total that the stated share can be a rounding of.",
        "An amount of 70 % stated as 80 % is not a rounding: one of the two figures is wrong.";
    FUNDING_REGIONAL_PARTS_EXCEED = "funding.regional_parts_exceed", Error, Funding,
        "The exact budgets of regional parts marked `included_in_project` add up to no more than the project's exact total.",
        "Money inside the project's total cannot exceed it; parts on top of it are marked `additional_to_project`.";
    FUNDING_STAFFING_EMPTY = "funding.staffing_empty", Warning, Funding,
        "A staffing entry that states a share of full time has one above 0 %, and one that states posts at least one.",
        "A post at 0 % or zero posts adds no staff time and is usually a typo.";
    DATES_PERIOD_ORDER = "dates.period_order", Error, Dates,
        "Every period starts before it ends (as far as the precision of its dates tells).",
        "A reversed period is impossible.";
    DATES_OUTSIDE_PROJECT = "dates.outside_project", Warning, Dates,
        "Events, outputs, measures, assessments, staffing and regional parts fall inside the project's period (planned or actual); reports and publications about the project (output kinds report, article, summary, news item, blog post, newsletter) may follow its end by up to 6 months (since 1.2).",
        "Work dated outside the project is either a typo or belongs to another project; follow-up assessments may legitimately fall after it. Reports on the project follow its end (an end-of-project regional report published two months after the project ended): half a year covers them and still catches a wrong year.";
    DATES_MILESTONE_ORDER = "dates.milestone_order", Warning, Dates,
        "Milestones run in order: application, grant decision, start of work, end of work, final report (as far as the precision of their dates tells).",
        "A grant decision before its application is usually a typo in a date.";
    DATES_RECORD_DATES = "dates.record_dates", Error, Dates,
        "A registry record (a project's, or the page of an output, since 1.2) is not modified before it was created.",
        "The record dates are copied from a registry and must be in order.";
    PARTICIPATION_TOTAL_MISMATCH = "participation.total_mismatch", Error, Participation,
        "A reported total whose parts are complete (`parts_complete`) and all exact equals the sum of its parts; parts that are only some of the total never add up to more than an exact total.",
        "A total that is not the sum of its parts means a figure is missing or wrong.";
    PARTICIPATION_TOTAL_INCONSISTENT = "participation.total_inconsistent", Warning, Participation,
        "With approximate or bounded figures, the sum of the parts can still be the total: \"about\" is read as within 10 %, \"at least\" and \"at most\" as bounds.",
        "Approximate figures leave room, but not unlimited room.";
    PARTICIPATION_PEOPLE_EXCEED = "participation.people_exceed_attendances", Error, Participation,
        "Distinct people are never more than attendances.",
        "Every person attends at least once.";
    PARTICIPATION_CANCELLED = "participation.cancelled_with_participants", Error, Participation,
        "A cancelled event reports no participants and no sessions held, nor do its participant groups.",
        "A cancelled event reached nobody.";
    PARTICIPATION_GROUPS_EXCEED = "participation.groups_exceed_total", Error, Participation,
        "The stated figures of an event's participant groups (role `participant`; leaders are not counted) add up to no more than the event's own attendances or distinct people, \"about\" read as within 10 % and bounds as bounds; the groups may cover only part of the whole (since 1.2).",
        "Groups are parts of the event's participants: \"8 parents\" and \"6 professionals\" cannot come from an event of 10 people. Sources often name a group without a figure, which leaves nothing to check.";
    ASSESSMENT_UNJUDGED = "assessment.objective_unjudged", Warning, Assessments,
        "Once a project has ended, every objective has a judgement in some assessment.",
        "A final account says how well each objective was met; a missing judgement should be explained.";
    ASSESSMENT_DUPLICATE = "assessment.duplicate_judgement", Warning, Assessments,
        "An assessment judges each objective once.",
        "Two judgements of one objective by the same assessor are ambiguous.";
    RESULTS_TARGET_MISSED = "results.target_missed", Warning, Results,
        "Once a project has ended, an output or measure whose actual figure is surely below its target says so: a note on the target, or a judgement of an objective it serves.",
        "A missed target is a finding; a final account should explain it rather than leave it to be discovered.";
    OUTPUT_SHARED_PROJECTS = "output.shared_projects", Error, References,
        "An output shared by several projects (`shared`) lists its own project among the artefact's projects (since 1.2).",
        "The list of projects says where the one artefact belongs; a record in a project it does not name is a copy error.";
    SOURCE_ALTERNATIVE_UNSOURCED = "source.alternative_unsourced", Warning, References,
        "An alternative statement (`alternatives`) names the source that states it (since 1.2).",
        "An alternative exists because two sources disagree; without its source a reader cannot weigh it.";
    TEXT_EMPTY = "text.empty", Error, Text,
        "No text is empty or only white space (outside `extensions`).",
        "An empty text says nothing and usually means a field was left unfilled.";
    TEXT_NUMBERING_DUPLICATE = "text.numbering_duplicate", Error, Text,
        "Work package numbers are unique.",
        "Two work packages with one number cannot be told apart in reports.";
    TEXT_NUMBERING_GAP = "text.numbering_gap", Warning, Text,
        "Work packages are numbered 1, 2, 3 … without gaps.",
        "A gap usually means a work package is missing.";
    TEXT_NUMBERING_MIXED = "text.numbering_mixed", Warning, Text,
        "A project numbers its work packages in one style, Arabic or Roman.",
        "Mixed styles are usually a copy error.";
    CROSS_DUPLICATE_DOCUMENT = "cross.duplicate_document", Error, CrossDocument,
        "Documents given together have different identifiers.",
        "Two documents with one id would be counted twice in aggregates.";
    CROSS_DUPLICATE_RECORD = "cross.duplicate_record", Error, CrossDocument,
        "Record identifiers (all kinds but implementers and source documents, which are shared on purpose) are unique across projects.",
        "Aggregates and references across projects rely on unique ids.";
    CROSS_ORGANISATION_NAME = "cross.organisation_name", Warning, CrossDocument,
        "An organisation (implementer id) has the same name in every document.",
        "Different names for one id suggest two organisations share an id, or a name needs `other_names`.";
    CROSS_BUSINESS_ID = "cross.organisation_business_id", Error, CrossDocument,
        "An organisation has one business ID everywhere, and one business ID belongs to one organisation id.",
        "A business ID identifies an organisation; disagreement means a mix-up.";
    CROSS_PROJECT_NOT_LISTED = "cross.project_not_listed", Error, CrossDocument,
        "A project that names a programme given alongside it is listed in that programme.",
        "The programme's list of projects must be complete.";
    CROSS_PROGRAMME_MISMATCH = "cross.programme_mismatch", Error, CrossDocument,
        "A project's collaborative area and programme agree with the programme's listing of it.",
        "The listing and the project document describe the same project.";
    CROSS_DOCUMENT_MISSING = "cross.document_missing", Warning, CrossDocument,
        "A programme's listed project document is among the documents given.",
        "A listed document that was not checked may be missing or misnamed.";
    CROSS_PROGRAMME_TOTALS = "cross.programme_totals", Error, CrossDocument,
        "A programme's exact total funding equals the sum of its projects' exact totals; with approximate figures, stays within 10 %.",
        "The programme's money is the projects' money.";
    CROSS_RELATED_PROJECT = "cross.related_project_unknown", Warning, CrossDocument,
        "A related project (`related_projects`) is a project document given alongside, or listed by a programme given alongside (since 1.2).",
        "A link to a project nobody knows is a typo in an id or a missing document, as with any other reference.";
    CROSS_SHARED_OUTPUT = "cross.shared_output_mismatch", Warning, CrossDocument,
        "Every project's record of one shared output (`shared.id`) is of the same kind and lists the same projects, and every listed project given alongside has a record of it (since 1.2).",
        "The records describe one artefact, counted once across projects; disagreeing records mean two artefacts share an id or one record is out of date.";
    CROSS_PROGRAMME_AIM = "cross.programme_aim_unknown", Error, CrossDocument,
        "An objective's programme aim (`programme_aims`) is an aim of the project's programme, when that programme is given (since 1.2).",
        "A dangling reference hides a typo or a missing aim.";
    CROSS_FUNDING_RULE = "cross.funding_rule", Warning, CrossDocument,
        "A project's stated state-grant share equals its programme's funding rule (`funding_rule.state_grant_share`), when the programme is given and states one (since 1.2).",
        "The programme's rule (the state grant covers 80 %, the implementers 20 %) applies to every project; a different share is either an exception worth a note or a wrong figure.";
}

/// The rule with `code`, if there is one.
pub fn rule(code: &str) -> Option<&'static Rule> {
    RULES.iter().find(|rule| rule.code == code)
}

/// The rule table as Markdown, as published in `docs/validation-rules.md`.
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| code | severity | category | what it checks | why |\n| --- | --- | --- | --- | --- |\n");
    for rule in RULES {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            rule.code,
            rule.severity.code(),
            rule.category.label(),
            rule.checks.replace('|', "\\|"),
            rule.why.replace('|', "\\|")
        ));
    }
    out
}
