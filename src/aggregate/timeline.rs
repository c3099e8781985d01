//! Each project's key dates side by side (the time from application to
//! grant decision to the start of work) and its regional parts: tables with
//! a row per project or part, left out past the per-project limit like the
//! other per-project tables.

use schemars::JsonSchema;
use serde::Serialize;

use crate::{Id, Language, MilestoneKind, PartialDate, Project};

/// Days between two dates as a range: the fewest and the most days the
/// dates' precision allows ("2020-10" after "2020-05-15": 139 to 169 days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct DayRange {
    /// The fewest days.
    pub low: i64,
    /// The most days.
    pub high: i64,
}

impl DayRange {
    /// The days from `from` to `to`.
    ///
    /// ```
    /// use childwelfare::aggregate::DayRange;
    ///
    /// let days = DayRange::between("2020-05-15".parse()?, "2020-10".parse()?);
    /// assert_eq!((days.low, days.high), (139, 169));
    /// # Ok::<(), childwelfare::InvalidValue>(())
    /// ```
    pub fn between(from: PartialDate, to: PartialDate) -> Self {
        DayRange { low: (to.earliest() - from.latest()).num_days(), high: (to.latest() - from.earliest()).num_days() }
    }
}

impl std::fmt::Display for DayRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.low == self.high { write!(f, "{}", self.low) } else { write!(f, "{}–{}", self.low, self.high) }
    }
}

/// One project's application, grant decision and start of work, and the
/// days between them. Milestones only expected are left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct TimelineRow {
    /// The project.
    pub project: Id,
    /// Its name.
    pub name: String,
    /// When the application was submitted.
    pub application: Option<PartialDate>,
    /// When the grant was decided.
    pub grant_decision: Option<PartialDate>,
    /// When the work started: the `start_of_work` milestone, else the
    /// start of the actual period.
    pub start_of_work: Option<PartialDate>,
    /// Days from the application to the grant decision.
    pub days_to_decision: Option<DayRange>,
    /// Days from the grant decision (or, without one, the application) to
    /// the start of work.
    pub days_to_start: Option<DayRange>,
    /// Regional parts recorded.
    pub regional_parts: u64,
}

/// One regional part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct RegionalPartRow {
    /// The project.
    pub project: Id,
    /// The part's id.
    pub regional_part: Id,
    /// Its name, or its id when it has none.
    pub label: String,
    /// `sub_project` or `emphasis`, where stated.
    pub kind: Option<&'static str>,
    /// Its counties' codes.
    pub counties: Vec<String>,
    /// Its own period, as written.
    pub period: Option<String>,
    /// Its sectors' codes.
    pub sectors: Vec<String>,
}

/// A project's timeline row, or `None` when it records none of the dates.
pub(crate) fn timeline(project: &Project, language: Language) -> Option<TimelineRow> {
    let date = |kind: MilestoneKind| project.milestones.iter().find(|m| m.kind == kind && !m.expected).map(|m| m.date);
    let application = date(MilestoneKind::Application);
    let grant_decision = date(MilestoneKind::GrantDecision);
    let start_of_work =
        date(MilestoneKind::StartOfWork).or_else(|| project.actual_period.and_then(|period| period.start));
    if application.is_none() && grant_decision.is_none() && start_of_work.is_none() && project.regional_parts.is_empty()
    {
        return None;
    }
    let days_to_decision = application.zip(grant_decision).map(|(from, to)| DayRange::between(from, to));
    let days_to_start = grant_decision.or(application).zip(start_of_work).map(|(from, to)| DayRange::between(from, to));
    Some(TimelineRow {
        project: project.id.clone(),
        name: project.name.best(language).to_owned(),
        application,
        grant_decision,
        start_of_work,
        days_to_decision,
        days_to_start,
        regional_parts: project.regional_parts.len() as u64,
    })
}

/// A project's regional parts, a row each.
pub(crate) fn regional_parts(project: &Project, language: Language) -> impl Iterator<Item = RegionalPartRow> + '_ {
    project.regional_parts.iter().map(move |part| RegionalPartRow {
        project: project.id.clone(),
        regional_part: part.id.clone(),
        label: part.name.as_ref().map_or_else(|| part.id.to_string(), |name| name.best(language).to_owned()),
        kind: part.kind.map(|kind| kind.code()),
        counties: part.counties.iter().map(|c| c.code().to_owned()).collect(),
        period: part.period.map(|period| period.to_string()),
        sectors: part.sectors.iter().map(|s| s.code().to_owned()).collect(),
    })
}
