//! Tables with a row per project, which an [`Aggregator`](super::Aggregator)
//! leaves out past its [per-project limit](super::Aggregator::per_project_limit):
//! a table left out says so where it is read, never as an empty list.

use schemars::JsonSchema;
use serde::Serialize;

/// Why a table with a row per project (or per work package, assessment,
/// record or organisation) is not in a [`Summary`](super::Summary): more
/// projects were added than the [`Aggregator::per_project_limit`](super::Aggregator::per_project_limit).
///
/// ```
/// use childwelfare::aggregate::Omitted;
///
/// let omitted = Omitted { limit: 1_000, projects: 2_000 };
/// assert_eq!(
///     omitted.to_string(),
///     "the tables with a row per project are left out past 1 000 projects (2 000 were added); \
///      set Aggregator::per_project_limit or use childwelfare export"
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, JsonSchema, thiserror::Error)]
#[error(
    "the tables with a row per project are left out past {} projects ({} were added); \
     set Aggregator::per_project_limit or use childwelfare export",
    crate::value::thousands(*limit),
    crate::value::thousands(*projects)
)]
pub struct Omitted {
    /// The per-project limit in force.
    pub limit: u64,
    /// The projects added, more than `limit`.
    pub projects: u64,
}

/// A table with a row per project: its rows, or why it was left out. In
/// JSON the rows are a list, and a table left out is an [`Omitted`]
/// object (`{"limit": 1000, "projects": 2000}`), so that no reader takes it
/// for a table without rows.
///
/// ```
/// use childwelfare::aggregate::{Aggregator, PerProject};
/// use childwelfare::corpus::Generator;
///
/// let generator = Generator::new(1);
/// let mut aggregator = Aggregator::new().per_project_limit(2);
/// for index in 0..3 {
///     aggregator.add(&generator.document(index));
/// }
/// let summary = aggregator.finish();
/// let error = summary.project_rows.rows().unwrap_err();
/// assert_eq!((error.limit, error.projects), (2, 3));
/// assert!(matches!(summary.staffing, PerProject::Omitted(_)));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
#[schemars(rename = "PerProject{T}")]
pub enum PerProject<T> {
    /// Every row.
    Kept(Vec<T>),
    /// Left out, and why.
    Omitted(Omitted),
}

impl<T> PerProject<T> {
    /// The rows, or why they were left out.
    ///
    /// ```
    /// use childwelfare::{aggregate, data};
    ///
    /// let summary = aggregate::summarise(&data::seed(), false);
    /// assert_eq!(summary.project_rows.rows()?.len(), 2);
    /// # Ok::<(), aggregate::Omitted>(())
    /// ```
    ///
    /// # Errors
    /// [`Omitted`] when the table was left out.
    pub fn rows(&self) -> Result<&[T], Omitted> {
        match self {
            PerProject::Kept(rows) => Ok(rows),
            PerProject::Omitted(omitted) => Err(*omitted),
        }
    }

    /// The rows, owned, or why they were left out.
    ///
    /// # Errors
    /// [`Omitted`] when the table was left out.
    pub fn into_rows(self) -> Result<Vec<T>, Omitted> {
        match self {
            PerProject::Kept(rows) => Ok(rows),
            PerProject::Omitted(omitted) => Err(omitted),
        }
    }
}

impl<T> Default for PerProject<T> {
    /// No rows, none left out.
    fn default() -> Self {
        PerProject::Kept(Vec::new())
    }
}

/// A table some of whose groupings have a row per project (money by
/// project, funder and implementer beside money by funding kind;
/// judgements by project and work package beside those by assessment
/// source): the rows of the groupings that are complete whatever the
/// number of projects, and the rows of the per-project groupings, or why
/// they were left out. In JSON, `{"complete": [...], "per_project": [...]}`,
/// `per_project` being an [`Omitted`] object when left out.
///
/// ```
/// use childwelfare::aggregate::{Aggregator, FundingDimension};
/// use childwelfare::corpus::Generator;
///
/// let generator = Generator::new(1);
/// let mut aggregator = Aggregator::new().per_project_limit(2);
/// for index in 0..3 {
///     aggregator.add(&generator.document(index));
/// }
/// let summary = aggregator.finish();
/// // Money by funding kind is complete; money by project says it was left out.
/// assert!(summary.funding.complete.iter().all(|row| row.by == FundingDimension::FundingKind));
/// assert_eq!(summary.funding.per_project.rows().unwrap_err().limit, 2);
/// assert!(summary.funding.rows().is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[schemars(rename = "PartlyPerProject{T}")]
pub struct PartlyPerProject<T> {
    /// The rows of the groupings kept whatever the number of projects.
    pub complete: Vec<T>,
    /// The rows of the groupings with a row per project, or why they were
    /// left out.
    pub per_project: PerProject<T>,
}

impl<T> PartlyPerProject<T> {
    /// Every row, the complete groupings' first, or why the per-project
    /// ones were left out.
    ///
    /// ```
    /// let summary = childwelfare::aggregate::summarise(&childwelfare::data::seed(), false);
    /// let rows = summary.funding.rows()?.count();
    /// assert_eq!(rows, summary.funding.complete.len() + summary.funding.per_project.rows()?.len());
    /// # Ok::<(), childwelfare::aggregate::Omitted>(())
    /// ```
    ///
    /// # Errors
    /// [`Omitted`] when the per-project rows were left out.
    pub fn rows(&self) -> Result<impl Iterator<Item = &T>, Omitted> {
        Ok(self.complete.iter().chain(self.per_project.rows()?))
    }

    /// The complete rows (`per_project` false) or the per-project ones.
    pub(crate) fn part(&self, per_project: bool) -> Result<&[T], Omitted> {
        if per_project { self.per_project.rows() } else { Ok(&self.complete) }
    }

    /// Every row kept, to change in place.
    pub(crate) fn kept_mut(&mut self) -> impl Iterator<Item = &mut T> {
        let per_project = match &mut self.per_project {
            PerProject::Kept(rows) => rows.as_mut_slice(),
            PerProject::Omitted(_) => &mut [],
        };
        self.complete.iter_mut().chain(per_project)
    }

    /// `rows`, the complete ones (those for which `complete` holds) apart.
    /// The per-project rows get room at once for as many as `rows` are
    /// known to hold at least (the complete ones are few), as `collect`
    /// would: a list grown by doubling writes about twice its memory,
    /// thousands of pages at 1 000 projects.
    pub(crate) fn split(rows: impl IntoIterator<Item = T>, complete: impl Fn(&T) -> bool) -> Self {
        let rows = rows.into_iter();
        let mut per_project = Vec::with_capacity(rows.size_hint().0);
        let mut kept = Vec::new();
        for row in rows {
            if complete(&row) {
                kept.push(row);
            } else {
                per_project.push(row);
            }
        }
        PartlyPerProject { complete: kept, per_project: PerProject::Kept(per_project) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_keeps_each_rows_order_whatever_their_number_is_known_to_be() {
        let rows = || (0..50u32).filter(|n| n % 7 != 3);
        let expected: (Vec<u32>, Vec<u32>) = rows().partition(|n| n % 5 == 0);
        // Their number known only to be at most 50, not at all, and exactly.
        let bounded = PartlyPerProject::split(rows(), |n| n % 5 == 0);
        let unbounded = PartlyPerProject::split(rows().flat_map(|n| [n]), |n| n % 5 == 0);
        let exact = PartlyPerProject::split(rows().collect::<Vec<_>>(), |n| n % 5 == 0);
        for split in [bounded, unbounded, exact] {
            assert_eq!(split.complete, expected.0);
            assert_eq!(split.per_project.rows().map(<[u32]>::to_vec), Ok(expected.1.clone()));
        }
    }
}
