//! The words of the HTML page, from the reports' catalogue
//! ([`Phrase`](crate::report::Phrase)), and its figures written in the
//! reader's language.

use crate::Language;
use crate::aggregate::{Dimension, FundingDimension};
use crate::report::Phrase as P;
use crate::report::local::Local;
use crate::report::tables;
use crate::report::words::{money_title, participation_title};

/// Every word the page uses, in one language, and how it writes figures.
#[derive(Debug, Clone)]
pub(super) struct Words {
    pub(super) language: Language,
    pub(super) local: Local,
    pub(super) title: &'static str,
    pub(super) contents: &'static str,
    pub(super) projects: &'static str,
    pub(super) programmes: &'static str,
    pub(super) meetings: &'static str,
    pub(super) attendances: &'static str,
    pub(super) distinct_people: &'static str,
    pub(super) total: &'static str,
    pub(super) no_objectives: &'static str,
    pub(super) none_recorded: &'static str,
    pub(super) projects_budget: &'static str,
    pub(super) amount: &'static str,
    pub(super) key_figure: &'static str,
    pub(super) key_range: &'static str,
    pub(super) how_made: &'static str,
    pub(super) sources: &'static str,
    pub(super) how_to_read: &'static str,
    pub(super) chart_note: &'static str,
    pub(super) assessments: &'static str,
    pub(super) judgements_title: &'static str,
    pub(super) unjudged: &'static str,
    pub(super) targets: &'static str,
    pub(super) outputs: &'static str,
    pub(super) staffing: &'static str,
    pub(super) cannot_say: &'static str,
    pub(super) yes: &'static str,
    pub(super) no: &'static str,
    pub(super) counted_as_parts: &'static str,
    pub(super) all_attendances: &'static str,
    pub(super) not_stated: &'static str,
    pub(super) not_broken_down: &'static str,
}

impl Words {
    /// The words in `language`.
    pub(super) fn of(language: Language) -> Self {
        let t = |phrase: P| phrase.text(language);
        Words {
            language,
            local: Local(language),
            title: t(P::PageTitle),
            contents: t(P::Contents),
            projects: t(P::ProjectsSideBySide),
            programmes: t(P::ProgrammesAgainstProjects),
            meetings: t(P::Meetings),
            attendances: t(P::Attendances),
            distinct_people: t(P::DistinctPeople),
            total: t(P::Total),
            no_objectives: t(P::NoObjectivesRecorded),
            none_recorded: t(P::NoneRecorded),
            projects_budget: t(P::ProjectsBudgets),
            amount: t(P::Amount),
            key_figure: t(P::ChartFigure),
            key_range: t(P::ChartRange),
            how_made: t(P::HowMade).trim_end_matches(':'),
            sources: t(P::Sources),
            how_to_read: t(P::HowToRead),
            chart_note: t(P::ChartNote),
            assessments: t(P::Assessments),
            judgements_title: t(P::JudgementsByProject),
            unjudged: t(P::UnjudgedObjectives),
            targets: t(P::TargetsAgainstActual),
            outputs: t(P::OutputsByKindAndStatus),
            staffing: t(P::Staffing),
            cannot_say: t(P::CannotSay),
            yes: t(P::Yes),
            no: t(P::No),
            counted_as_parts: t(P::CountedAsParts),
            all_attendances: t(P::AllAttendances),
            not_stated: t(P::NotStated),
            not_broken_down: t(P::NotBrokenDown),
        }
    }

    /// The `lang` attribute of the page.
    pub(super) fn lang(&self) -> &'static str {
        self.language.code()
    }

    /// "Participation by theme".
    pub(super) fn participation_title(&self, dimension: Dimension) -> &'static str {
        participation_title(dimension).text(self.language)
    }

    /// "Attendances by theme", for the charts there are.
    pub(super) fn chart_title(&self, dimension: Dimension) -> Option<&'static str> {
        let phrase = match dimension {
            Dimension::Project => P::AttendancesByProject,
            Dimension::Theme => P::AttendancesByTheme,
            Dimension::County => P::AttendancesByCounty,
            Dimension::Year => P::AttendancesByYear,
            _ => return None,
        };
        Some(phrase.text(self.language))
    }

    /// "Money by funder".
    pub(super) fn money_title(&self, by: FundingDimension) -> &'static str {
        money_title(by).text(self.language)
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
    pub(super) fn judgements_title(&self, by: &str) -> &'static str {
        match by {
            "project" => P::JudgementsByProject,
            "work_package" => P::JudgementsByWorkPackage,
            _ => P::JudgementsBySource,
        }
        .text(self.language)
    }

    pub(super) fn headers(&self, phrases: &[P]) -> Vec<String> {
        phrases.iter().map(|p| p.text(self.language).to_owned()).collect()
    }

    pub(super) fn participation_headers(&self) -> Vec<String> {
        self.headers(&tables::PARTICIPATION_COLUMNS)
    }

    pub(super) fn project_headers(&self) -> Vec<String> {
        self.headers(&tables::PROJECT_COLUMNS)
    }

    pub(super) fn programme_headers(&self) -> Vec<String> {
        self.headers(&tables::PROGRAMME_COLUMNS)
    }

    pub(super) fn money_headers(&self) -> Vec<String> {
        self.headers(&tables::MONEY_COLUMNS)
    }

    pub(super) fn assessment_headers(&self) -> Vec<String> {
        self.headers(&tables::ASSESSMENT_COLUMNS)
    }

    /// The group column, then a column per rating.
    pub(super) fn judgement_headers(&self) -> Vec<String> {
        let mut headers = self.headers(&[P::Group]);
        headers.extend(crate::AchievementRating::ALL.iter().map(|r| r.label(self.language).to_owned()));
        headers
    }

    /// The ratings, in the order of [`Words::judgement_headers`], with
    /// their codes, labels and the chart classes that draw them.
    pub(super) fn ratings(&self) -> Vec<(&'static str, &'static str, &'static str)> {
        crate::AchievementRating::ALL
            .iter()
            .map(|rating| {
                let class = match rating.code() {
                    "achieved" => "r-achieved",
                    "partly_achieved" => "r-partly",
                    "not_achieved" => "r-not",
                    "revised" => "r-revised",
                    _ => "r-untried",
                };
                (rating.code(), rating.label(self.language), class)
            })
            .collect()
    }

    pub(super) fn unjudged_headers(&self) -> Vec<String> {
        self.headers(&tables::UNJUDGED_COLUMNS)
    }

    pub(super) fn target_headers(&self) -> Vec<String> {
        self.headers(&[P::Record, P::Kind, P::Target, P::Actual, P::Met])
    }

    pub(super) fn output_headers(&self) -> Vec<String> {
        self.headers(&[P::Kind, P::Status, P::Records, P::WithoutCount, P::Items])
    }

    pub(super) fn staffing_headers(&self) -> Vec<String> {
        self.headers(&[P::Project, P::Implementer, P::Entries, P::Posts, P::FullTimeEquivalents, P::WithoutShare])
    }

    /// "Summary: 2 projects, 1 programme".
    pub(super) fn heading(&self, projects: u64, programmes: u64) -> String {
        let count = |n: u64, one: P, many: P| {
            (if n == 1 { one } else { many }).fill(self.language, &[&crate::value::thousands(n)])
        };
        format!(
            "{}: {}, {}",
            P::Summary.text(self.language),
            count(projects, P::OneProject, P::Projects),
            count(programmes, P::OneProgramme, P::Programmes)
        )
    }

    /// What the report's words and signs mean, and how the charts draw them.
    pub(super) fn legend(&self) -> Vec<&'static str> {
        [
            P::LegendAttendances,
            P::LegendExactness,
            P::LegendRange,
            P::LegendChart,
            P::LegendDash,
            P::LegendOnce,
            P::LegendExplain,
        ]
        .iter()
        .map(|p| p.text(self.language))
        .collect()
    }
}
