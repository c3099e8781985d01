//! The words of the HTML page: headings, column names and notes.

use crate::Language;
use crate::Total;
use crate::aggregate::{Dimension, FundingDimension, TableKind};

/// Every word the page uses, in one language.
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub(super) language: Language,
    pub(super) title: &'static str,
    pub(super) summary: &'static str,
    pub(super) contents: &'static str,
    pub(super) projects: &'static str,
    pub(super) programmes: &'static str,
    pub(super) participation: &'static str,
    pub(super) attendances_title: &'static str,
    pub(super) meetings: &'static str,
    pub(super) attendances: &'static str,
    pub(super) distinct_people: &'static str,
    pub(super) total: &'static str,
    pub(super) left_out: &'static str,
    pub(super) no_objectives: &'static str,
    pub(super) none_recorded: &'static str,
    pub(super) projects_budget: &'static str,
    pub(super) money: &'static str,
    pub(super) amount: &'static str,
    pub(super) key_figure: &'static str,
    pub(super) key_range: &'static str,
    pub(super) how_made: &'static str,
    pub(super) sources: &'static str,
    pub(super) period: &'static str,
    pub(super) period_note: &'static str,
    pub(super) incomplete: &'static str,
    pub(super) how_to_read: &'static str,
    pub(super) chart_note: &'static str,
    pub(super) assessments: &'static str,
    pub(super) judgements_by: &'static str,
    pub(super) judgements_title: &'static str,
    pub(super) unjudged: &'static str,
    pub(super) targets: &'static str,
    pub(super) outputs: &'static str,
    pub(super) staffing: &'static str,
    pub(super) cannot_say: &'static str,
    pub(super) yes: &'static str,
    pub(super) no: &'static str,
    pub(super) counted_as_parts: &'static str,
    pub(super) per_project_omitted: &'static str,
    pub(super) all_attendances: &'static str,
}

impl Words {
    /// The words in `language`.
    pub(super) fn of(language: Language) -> Self {
        Words {
            language,
            title: "Child-welfare development projects: summary",
            summary: "Summary",
            contents: "Contents",
            projects: "Projects side by side",
            programmes: "Programmes against their projects",
            participation: "Participation",
            attendances_title: "Attendances",
            meetings: "meetings",
            attendances: "attendances",
            distinct_people: "distinct people",
            total: "Total",
            left_out: "Left out",
            no_objectives: "no objectives recorded",
            none_recorded: "none recorded",
            projects_budget: "projects' budgets",
            money: "Money",
            amount: "amount",
            key_figure: "figure",
            key_range: "range up to the high end",
            how_made: "How the figures were made",
            sources: "Sources",
            period: "Period",
            period_note: "from the earliest start to the latest end of the projects",
            incomplete: "Incomplete: these documents could not be read and are left out of every figure below",
            how_to_read: "How to read the figures",
            chart_note: "The figures of the chart are in the table under it.",
            assessments: "Assessments",
            judgements_by: "Judgements",
            judgements_title: "Judgements by project",
            unjudged: "Objectives no assessment judges",
            targets: "Targets against actual figures",
            outputs: "Outputs by kind and status",
            staffing: "Staffing",
            cannot_say: "cannot say",
            yes: "yes",
            no: "no",
            counted_as_parts: "counted as their parts",
            per_project_omitted: "More than {limit} projects: the tables with a row per project, work package, \
                                  assessment, record or organisation are left out so that memory stays flat; \
                                  `childwelfare export` writes those one row per record.",
            all_attendances: "Attendances at all projects' events",
        }
    }

    /// The `lang` attribute of the page.
    pub(super) fn lang(&self) -> &'static str {
        self.language.code()
    }

    /// "by theme".
    pub(super) fn heading(&self, dimension: Dimension) -> &'static str {
        dimension.heading()
    }

    /// "by funder".
    pub(super) fn funding_heading(&self, by: FundingDimension) -> &'static str {
        by.heading()
    }

    /// A stable name of a money grouping, for ids.
    pub(super) fn funding_code(&self, by: FundingDimension) -> &'static str {
        match by {
            FundingDimension::Project => "project",
            FundingDimension::Funder => "funder",
            FundingDimension::FundingKind => "funding-kind",
            _ => "implementer",
        }
    }

    /// "Judgements by work package".
    pub(super) fn judgements_heading(&self, by: &str) -> String {
        format!("{} by {}", self.judgements_by, by.replace('_', " "))
    }

    /// How a participation table's rows relate to its total.
    pub(super) fn rows_and_total(&self, kind: TableKind, adds_up: bool, total: Option<Total>) -> String {
        let total = total.map_or_else(|| "no figure".to_owned(), |t| t.to_string());
        match (kind, adds_up) {
            (TableKind::Partition, true) => {
                format!("Each figure in one row: the attendances add up to the total, {total}.")
            }
            (TableKind::Partition, false) => format!(
                "Each figure in one row, but the attendances do not add up to the total, {total}: a total's parts \
                 are less exact than it, so what is left of it is only bounded."
            ),
            (_, true) => format!(
                "A figure counts in each of its groups; here none is in two, so the rows add up to the total, \
                 {total}."
            ),
            _ => format!(
                "A figure counts in each of its groups, so the rows may add up to more than the total, each \
                 counted once: {total}."
            ),
        }
    }

    pub(super) fn participation_headers(&self, dimension: Dimension) -> Vec<String> {
        let first = dimension.singular();
        [first, "held", "cancelled", "planned", "meetings", "attendances", "distinct people"]
            .map(str::to_owned)
            .to_vec()
    }

    pub(super) fn project_headers(&self) -> Vec<String> {
        [
            "project",
            "status",
            "period",
            "events held",
            "cancelled",
            "attendances",
            "outputs",
            "achieved",
            "partly",
            "not achieved",
            "unjudged",
            "budget",
            "state grant",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    pub(super) fn programme_headers(&self) -> Vec<String> {
        [
            "programme",
            "projects listed",
            "given",
            "stated funding",
            "projects' budgets",
            "without budget",
            "attendances",
        ]
        .map(str::to_owned)
        .to_vec()
    }

    pub(super) fn money_headers(&self) -> Vec<String> {
        ["group", "parts", "amount"].map(str::to_owned).to_vec()
    }

    pub(super) fn assessment_headers(&self) -> Vec<String> {
        ["assessment", "source", "occasions", "attendances", "distinct people", "judgements"]
            .map(str::to_owned)
            .to_vec()
    }

    pub(super) fn judgement_headers(&self) -> Vec<String> {
        ["group", "achieved", "partly achieved", "not achieved", "revised", "not yet tried"].map(str::to_owned).to_vec()
    }

    /// The ratings, in the order of [`Words::judgement_headers`], with
    /// their codes and the chart classes that draw them.
    pub(super) fn ratings(&self) -> [(&'static str, &'static str, &'static str); 5] {
        [
            ("achieved", "achieved", "r-achieved"),
            ("partly_achieved", "partly achieved", "r-partly"),
            ("not_achieved", "not achieved", "r-not"),
            ("revised", "revised", "r-revised"),
            ("not_yet_tried", "not yet tried", "r-untried"),
        ]
    }

    pub(super) fn unjudged_headers(&self) -> Vec<String> {
        ["project", "objective", "statement"].map(str::to_owned).to_vec()
    }

    pub(super) fn target_headers(&self) -> Vec<String> {
        ["record", "kind", "target", "actual", "met"].map(str::to_owned).to_vec()
    }

    pub(super) fn output_headers(&self) -> Vec<String> {
        ["kind", "status", "records", "without a count", "items"].map(str::to_owned).to_vec()
    }

    pub(super) fn staffing_headers(&self) -> Vec<String> {
        ["project", "implementer", "entries", "posts", "full-time equivalents", "without share"]
            .map(str::to_owned)
            .to_vec()
    }

    /// "2 projects, 1 programme".
    pub(super) fn counts(&self, projects: u64, programmes: u64) -> String {
        let count = |n: u64, one: &str, many: &str| {
            format!("{} {}", crate::value::thousands(n), if n == 1 { one } else { many })
        };
        format!("{}, {}", count(projects, "project", "projects"), count(programmes, "programme", "programmes"))
    }

    /// What the report's words and signs mean.
    pub(super) fn legend(&self) -> Vec<&'static str> {
        vec![
            "attendances count a person once for each event attended; distinct people, each person once",
            "\"about\" is a figure the source gives as approximate; \"at least\" and \"at most\" are bounds",
            "a range such as 963–1 363: figures that may overlap, the low end counting the overlap once; in a \
             chart, the bar is solid to the low end and hatched to the high end",
            "– is a figure the sources do not give (never zero); \"no objectives recorded\" says why",
            "each figure is counted once: one that is part of another is not added again (docs/counting.md)",
            "`--explain` lists under each table each figure's records, their sources and what was left out",
        ]
    }
}
