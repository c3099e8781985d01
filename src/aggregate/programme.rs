//! What the summary keeps of programmes and of each project for them, and
//! the programme totals made from it: a programme's own figures against
//! the sum of its listed projects' figures.

use schemars::JsonSchema;
use serde::Serialize;

use super::Figure;
use super::money::{self, add_money};
use super::resources::one;
use crate::report::Phrase;
use crate::{Exactness, Id, Language, Money, Total};

/// Ids in order, kept in one string, each after its length (one byte for
/// an id under 64 bytes; see [`packed`](crate::packed)): the ids a
/// programme lists. About 7 bytes an id of the generator's, where the ids
/// and a list of their ends took 14.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdTexts {
    texts: String,
    count: usize,
}

impl IdTexts {
    pub(crate) fn push(&mut self, id: &str) {
        crate::packed::push_text(&mut self.texts, id);
        self.count += 1;
    }

    /// How many entries there are.
    pub(crate) fn len(&self) -> usize {
        self.count
    }

    /// The id of the entry at `place` in the string (empty if none is).
    fn at(&self, mut place: usize) -> &str {
        crate::packed::read_text(&self.texts, &mut place)
    }

    /// The entries' places in the string, in the order added: a later
    /// entry is further on.
    fn places(&self) -> impl Iterator<Item = usize> + '_ {
        let mut place = 0;
        std::iter::from_fn(move || {
            (place < self.texts.len()).then(|| {
                let here = place;
                crate::packed::read_text(&self.texts, &mut place);
                here
            })
        })
    }

    /// The entries' places in the order of their ids: the entries with an
    /// id are a range of it.
    fn by_id(&self) -> Vec<usize> {
        let mut order: Vec<usize> = self.places().collect();
        order.sort_unstable_by(|&a, &b| self.at(a).cmp(self.at(b)));
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
/// programme totals need; `budget_partial` says whether some of the
/// budget's parts have no amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProjectFacts {
    budget: Option<Money>,
    attendances: Option<Total>,
    pub(crate) budget_partial: bool,
}

impl ProjectFacts {
    pub(crate) fn new(budget: Option<Money>, budget_partial: bool, attendances: Option<Total>) -> Self {
        ProjectFacts { budget, attendances, budget_partial }
    }

    pub(crate) fn budget(&self) -> Option<Money> {
        self.budget
    }

    pub(crate) fn attendances(&self) -> Option<Total> {
        self.attendances
    }
}

// An exactness is kept in 3 bits, 0 for none (see `Facts::push`).
const _: () = assert!(Exactness::ALL.len() < 8);

/// `exactness` in 3 bits: 0 for none, else one more than its place in
/// [`Exactness::ALL`] (below 8, as asserted above).
fn exactness_code(exactness: Option<Exactness>) -> u8 {
    crate::packed::code_byte(exactness, Exactness::ALL)
}

/// The exactness [`exactness_code`] gave `code`; none for a code no
/// exactness has.
fn exactness_of(code: u8) -> Option<Exactness> {
    crate::packed::from_code_byte(code, Exactness::ALL).ok().flatten()
}

/// Each project's [`ProjectFacts`] with its id, in the order added, packed
/// in one string (see [`packed`](crate::packed)): its id after its length,
/// a byte with the budget's exactness and whether it is partial, a byte
/// with the attendances' two exactnesses, then the budget in cents and the
/// attendances' two ends where there are. About 17 bytes a project of the
/// generator's, where a struct each, its id and the id's end took 42 (and
/// `Vec`s grown by doubling a third more): at 100 000 projects, 1.7 MB
/// rather than 5.7.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    packed: String,
}

impl Facts {
    pub(crate) fn push(&mut self, id: &str, facts: ProjectFacts) {
        use crate::packed::{push_number, push_text};
        push_text(&mut self.packed, id);
        let budget = exactness_code(facts.budget.map(|money| money.exactness));
        // Each byte below 64: ASCII, as the string needs.
        self.packed.push(char::from(budget | (u8::from(facts.budget_partial) << 3)));
        let (low, high) = facts.attendances.map_or((None, None), |total| (Some(total.low), Some(total.high)));
        let (low_code, high_code) =
            (exactness_code(low.map(|c| c.exactness)), exactness_code(high.map(|c| c.exactness)));
        self.packed.push(char::from(low_code | (high_code << 3)));
        if let Some(money) = facts.budget {
            push_number(&mut self.packed, money.euros.cents());
        }
        if let (Some(low), Some(high)) = (low, high) {
            push_number(&mut self.packed, low.value);
            push_number(&mut self.packed, high.value);
        }
    }

    /// Each project's id and facts, in the order added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, ProjectFacts)> {
        use crate::packed::{read_number, read_text};
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= self.packed.len() {
                return None;
            }
            let id = read_text(&self.packed, &mut at);
            let bytes = self.packed.as_bytes();
            let mut flag = || {
                let byte = bytes.get(at).copied().unwrap_or(0);
                at += 1;
                byte
            };
            let (budget_byte, attendances_byte) = (flag(), flag());
            let budget = exactness_of(budget_byte & 7)
                .map(|exactness| Money { euros: crate::Euros::from_cents(read_number(bytes, &mut at)), exactness });
            let attendances = match (exactness_of(attendances_byte & 7), exactness_of(attendances_byte >> 3)) {
                (Some(low), Some(high)) => Some(Total {
                    low: crate::Count { value: read_number(bytes, &mut at), exactness: low },
                    high: crate::Count { value: read_number(bytes, &mut at), exactness: high },
                }),
                _ => None,
            };
            Some((id, ProjectFacts { budget, attendances, budget_partial: budget_byte & 8 != 0 }))
        })
    }

    /// `programme`'s figures against the sum of its listed projects'.
    pub(crate) fn totals(&self, programme: &ProgrammeFacts, language: Language, explain: bool) -> ProgrammeTotals {
        let listed = &programme.listed;
        // The entries' places in the order of their ids (8 bytes an entry
        // rather than a set of ids): the entries with an id are a range of
        // `by_id`.
        let by_id = listed.by_id();
        let entries = |id: &str| {
            let start = by_id.partition_point(|&place| listed.at(place) < id);
            start..start + by_id[start..].partition_point(|&place| listed.at(place) == id)
        };
        let mut given = 0u64;
        let mut attendances: Option<Total> = None;
        // Whether each entry of `by_id` has its budget in full.
        let mut with_budget = vec![false; by_id.len()];
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
                    with_budget[listed_at].fill(true);
                }
                let figure = Figure {
                    value: budget,
                    derivation: one(explain, Phrase::RuleProgrammeBudgets, || {
                        vec![super::Used::new(format!("{id}/funding = ")).money(budget)]
                    }),
                };
                projects_budget = Figure::merge(projects_budget, Some(figure), add_money);
            }
        }
        // The entries without, in the order listed: that of their places.
        let mut without_at: Vec<usize> =
            by_id.iter().zip(&with_budget).filter(|&(_, &with)| !with).map(|(&place, _)| place).collect();
        without_at.sort_unstable();
        // The texts were ids when kept: none fails to be one again.
        let without: Vec<Id> = without_at.iter().filter_map(|&place| Id::new(listed.at(place)).ok()).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Count, Euros};

    fn money(cents: u64, exactness: Exactness) -> Money {
        Money { euros: Euros::from_cents(cents), exactness }
    }

    fn total(low: u64, high: u64, exactness: (Exactness, Exactness)) -> Total {
        Total { low: Count { value: low, exactness: exactness.0 }, high: Count { value: high, exactness: exactness.1 } }
    }

    /// Every kind of facts: with and without a budget or attendances, each
    /// exactness, partial or not, figures small and at the ends of `u64`.
    fn every_kind() -> Vec<ProjectFacts> {
        let amounts = [0, 63, 64, 117_700_000, u64::MAX];
        let mut all = Vec::new();
        for (n, &amount) in amounts.iter().enumerate() {
            for &budget_exactness in Exactness::ALL {
                for &low in Exactness::ALL {
                    let high = Exactness::ALL[(n + 1) % Exactness::ALL.len()];
                    let attendances = total(amount / 3, amount, (low, high));
                    all.push(ProjectFacts::new(Some(money(amount, budget_exactness)), n % 2 == 0, Some(attendances)));
                    all.push(ProjectFacts::new(None, false, Some(attendances)));
                    all.push(ProjectFacts::new(Some(money(amount, budget_exactness)), true, None));
                }
            }
        }
        all.push(ProjectFacts::new(None, false, None));
        all
    }

    #[test]
    fn each_projects_facts_come_back_in_order_in_the_bytes_their_figures_need() {
        let all = every_kind();
        let ids: Vec<String> = (0..all.len()).map(|n| format!("p{n}-{}", "x".repeat(n % 70))).collect();
        let mut facts = Facts::default();
        for (id, project) in ids.iter().zip(&all) {
            facts.push(id, *project);
        }
        let back: Vec<(String, ProjectFacts)> = facts.iter().map(|(id, f)| (id.to_owned(), f)).collect();
        let expected: Vec<(String, ProjectFacts)> = ids.iter().cloned().zip(all.iter().copied()).collect();
        assert_eq!(back, expected);
        // A number takes a byte for each 6 bits it has (one at least); an
        // id its length's bytes and its own.
        let bytes = |value: u64| (u64::BITS - value.leading_zeros()).div_ceil(6).max(1) as usize;
        let needed: usize = ids
            .iter()
            .zip(&all)
            .map(|(id, f)| {
                let figures = f.budget().map_or(0, |m| bytes(m.euros.cents()))
                    + f.attendances().map_or(0, |t| bytes(t.low.value) + bytes(t.high.value));
                bytes(id.len() as u64) + id.len() + 2 + figures
            })
            .sum();
        assert_eq!(facts.packed.len(), needed);
    }

    #[test]
    fn totals_count_each_listed_project_given_and_name_those_without_a_full_budget_in_the_order_listed() {
        // Listed: some twice, one never given; given: some not listed,
        // one with a partial budget, one without a budget, one given twice.
        let listed_ids = ["c", "a", "zz", "b", "a", "d", "e", "missing", "c"];
        let given: [(&str, Option<u64>, bool, Option<u64>); 8] = [
            ("a", Some(100), false, Some(5)),
            ("b", Some(200), true, Some(7)),
            ("c", None, false, Some(11)),
            ("unlisted", Some(1_000), false, Some(1_000)),
            ("d", Some(300), false, None),
            ("e", Some(400), false, Some(13)),
            ("e", Some(50), true, Some(1)),
            ("zz", Some(0), false, Some(0)),
        ];
        let mut listed = IdTexts::default();
        listed_ids.iter().for_each(|id| listed.push(id));
        let programme = ProgrammeFacts {
            id: Id::new("prog").unwrap(),
            name: crate::Text::fi("Ohjelma"),
            total_funding: None,
            listed,
        };
        let mut facts = Facts::default();
        for (id, budget, partial, attendances) in given {
            let budget = budget.map(|cents| money(cents, Exactness::Exact));
            let attendances = attendances.map(|n| total(n, n, (Exactness::Exact, Exactness::Exact)));
            facts.push(id, ProjectFacts::new(budget, partial, attendances));
        }
        let totals = facts.totals(&programme, Language::Fi, false);

        // The same by the plain definition: a project added counts when
        // its id is listed; a listed entry has its budget when some project
        // added with its id has a budget with no part missing.
        let is_listed = |id: &str| listed_ids.contains(&id);
        let counted: Vec<_> = given.iter().filter(|(id, ..)| is_listed(id)).collect();
        let full = |id: &str| given.iter().any(|&(g, budget, partial, _)| g == id && budget.is_some() && !partial);
        let without: Vec<&str> = listed_ids.iter().copied().filter(|id| !full(id)).collect();
        assert_eq!(totals.listed_projects, listed_ids.len() as u64);
        assert_eq!(totals.projects_given, counted.len() as u64);
        assert_eq!(totals.projects_without_budget.iter().map(Id::as_str).collect::<Vec<_>>(), without);
        let attendances: u64 = counted.iter().filter_map(|(.., a)| *a).sum();
        assert_eq!(totals.attendances.map(|t| t.low.value), Some(attendances));
        let budget: u64 = counted.iter().filter_map(|(_, b, ..)| *b).sum();
        let budget_figure = totals.projects_budget.expect("budgets given");
        assert_eq!(budget_figure.value.euros.cents(), budget);
        // Listed projects without a budget in full make the sum "at least".
        assert_eq!(budget_figure.value.exactness, Exactness::AtLeast);
    }
}
