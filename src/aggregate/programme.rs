//! What the summary keeps of programmes and of each project for them, and
//! the programme totals made from it: a programme's own figures against
//! the sum of its listed projects' figures.

use schemars::JsonSchema;
use serde::Serialize;

use super::Figure;
use super::money::{self, add_money};
use super::resources::one;
use crate::{Exactness, Id, Language, Money, Total};

/// Ids in order, kept in one string (about 16 bytes an id rather than an
/// `Id` each): the ids a programme lists, or of every project added.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdTexts {
    texts: String,
    ends: Vec<usize>,
}

impl IdTexts {
    pub(crate) fn push(&mut self, id: &str) {
        self.texts.push_str(id);
        self.ends.push(self.texts.len());
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The id of entry `at` (empty past the end).
    pub(crate) fn get(&self, at: usize) -> &str {
        let start = if at == 0 { 0 } else { self.ends.get(at - 1).copied().unwrap_or(0) };
        let end = self.ends.get(at).copied().unwrap_or(start);
        self.texts.get(start..end).unwrap_or_default()
    }

    /// The entries' places in the order of their ids (stable).
    pub(crate) fn by_id(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.len()).collect();
        order.sort_by(|&a, &b| self.get(a).cmp(self.get(b)));
        order
    }
}

impl crate::listing::Collect for IdTexts {
    fn entry(&mut self, project: crate::ProgrammeProject) {
        self.push(project.id.as_str());
    }
}

/// What programme totals need of a programme document.
#[derive(Debug, Clone)]
pub(crate) struct ProgrammeFacts {
    pub(crate) id: crate::Id,
    pub(crate) name: crate::Text,
    pub(crate) total_funding: Option<crate::Money>,
    pub(crate) listed: IdTexts,
}

/// A programme's own figures against the sum of its projects' figures.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct ProgrammeTotals {
    /// The programme.
    pub programme: Id,
    /// Its name.
    pub name: String,
    /// Projects it lists.
    pub listed_projects: u64,
    /// Listed projects among the documents aggregated.
    pub projects_given: u64,
    /// The funding the programme states.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Money>>")]
    pub stated_funding: Option<Money>,
    /// The budgets of the listed projects given ([`ProjectRow::budget`](super::ProjectRow::budget)),
    /// summed: "at least" when some listed project's budget is not known
    /// here, in full or in part.
    pub projects_budget: Option<Figure<Money>>,
    /// Listed projects whose budget is not fully known here: not given, or
    /// with parts without an amount (their known parts are in
    /// `projects_budget`).
    pub projects_without_budget: Vec<Id>,
    /// Attendances over the listed projects given.
    #[serde(serialize_with = "super::figure_json::bare_option")]
    #[schemars(with = "Option<super::Figure<Total>>")]
    pub attendances: Option<Total>,
}

/// A project's budget and attendances (its id is in [`Facts`]): what
/// programme totals need, in 28 bytes (the figures as pairs of `u32`, so
/// that the record is aligned to 4 bytes; it took 48 as `Money` and
/// `Total`); `budget_partial` says whether some of the budget's parts have
/// no amount.
#[derive(Debug, Clone)]
pub(crate) struct ProjectFacts {
    budget_cents: [u32; 2],
    attendances_low: [u32; 2],
    attendances_high: [u32; 2],
    /// `None` when the project has no budget.
    budget_exactness: Option<Exactness>,
    /// `None` when the project has no attendances.
    attendances_exactness: Option<(Exactness, Exactness)>,
    pub(crate) budget_partial: bool,
}

const _: () = assert!(std::mem::size_of::<ProjectFacts>() == 28);

/// A `u64` as two `u32`s, high half first.
fn halves(value: u64) -> [u32; 2] {
    // The two halves of the value.
    #[allow(clippy::cast_possible_truncation)]
    [(value >> 32) as u32, value as u32]
}

fn whole(halves: [u32; 2]) -> u64 {
    (u64::from(halves[0]) << 32) | u64::from(halves[1])
}

impl ProjectFacts {
    pub(crate) fn new(budget: Option<Money>, budget_partial: bool, attendances: Option<Total>) -> Self {
        ProjectFacts {
            budget_cents: halves(budget.map_or(0, |money| money.euros.cents())),
            attendances_low: halves(attendances.map_or(0, |total| total.low.value)),
            attendances_high: halves(attendances.map_or(0, |total| total.high.value)),
            budget_exactness: budget.map(|money| money.exactness),
            attendances_exactness: attendances.map(|total| (total.low.exactness, total.high.exactness)),
            budget_partial,
        }
    }

    pub(crate) fn budget(&self) -> Option<Money> {
        let euros = crate::Euros::from_cents(whole(self.budget_cents));
        self.budget_exactness.map(|exactness| Money { euros, exactness })
    }

    pub(crate) fn attendances(&self) -> Option<Total> {
        self.attendances_exactness.map(|(low, high)| Total {
            low: crate::Count { value: whole(self.attendances_low), exactness: low },
            high: crate::Count { value: whole(self.attendances_high), exactness: high },
        })
    }
}

/// Each project's [`ProjectFacts`] with its id, in the order added.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    facts: Vec<ProjectFacts>,
    ids: IdTexts,
}

impl Facts {
    pub(crate) fn push(&mut self, id: &str, facts: ProjectFacts) {
        self.facts.push(facts);
        self.ids.push(id);
    }

    /// Each project's id and facts, in the order added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &ProjectFacts)> {
        self.facts.iter().enumerate().map(|(at, facts)| (self.ids.get(at), facts))
    }

    /// `programme`'s figures against the sum of its listed projects'.
    pub(crate) fn totals(&self, programme: &ProgrammeFacts, language: Language, explain: bool) -> ProgrammeTotals {
        let listed = &programme.listed;
        // The entries by id (4 bytes an entry rather than a set of
        // ids): the entries with an id are a range of `by_id`.
        let by_id = listed.by_id();
        let entries = |id: &str| {
            let start = by_id.partition_point(|&at| listed.get(at) < id);
            let end = start + by_id[start..].partition_point(|&at| listed.get(at) == id);
            &by_id[start..end]
        };
        let mut given = 0u64;
        let mut attendances: Option<Total> = None;
        let mut with_budget = vec![false; listed.len()];
        let mut projects_budget: Option<Figure<Money>> = None;
        for (id, facts) in self.iter() {
            let listed_at = entries(id);
            if listed_at.is_empty() {
                continue;
            }
            given += 1;
            if let Some(here) = facts.attendances() {
                attendances = Some(attendances.map_or(here, |sum| sum + here));
            }
            if let Some(budget) = facts.budget() {
                if !facts.budget_partial {
                    listed_at.iter().for_each(|&at| with_budget[at] = true);
                }
                let figure = Figure {
                    value: budget,
                    derivation: one(explain, "sum of the budgets of the listed projects given", || {
                        vec![format!("{id}/funding = {budget}")]
                    }),
                };
                projects_budget = Figure::merge(projects_budget, Some(figure), add_money);
            }
        }
        // The texts were ids when kept: none fails to be one again.
        let without: Vec<Id> =
            (0..listed.len()).filter(|&at| !with_budget[at]).filter_map(|at| Id::new(listed.get(at)).ok()).collect();
        // A sum that leaves out a listed project's budget, or part of it, is "at least".
        if let Some(figure) = &mut projects_budget {
            figure.value = money::at_least_if(figure.value, without.len() as u64);
        }
        ProgrammeTotals {
            programme: programme.id.clone(),
            name: programme.name.best(language).to_owned(),
            listed_projects: listed.len() as u64,
            projects_given: given,
            stated_funding: programme.total_funding,
            projects_budget,
            projects_without_budget: without,
            attendances,
        }
    }
}
