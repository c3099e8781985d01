//! The `part_of` links of a project's events as a graph, made once per
//! project, so that "the first record with a figure up an event's chain"
//! is answered for a whole group of events in one pass rather than by a
//! walk up the chain for every event (issue 19: a chain of 2 000 events
//! took minutes to report).
//!
//! The graph is on record ids, as the walk it replaces followed them: an
//! id's parent is the `part_of` of the event with that id (the last one,
//! if the id repeats), and an id no event has (a dangling `part_of`) ends
//! its chain. Each id has at most one parent, so every connected part is a
//! tree hanging off a root or off one cycle. The chain from an id goes up
//! its tree and, if the tree hangs off a cycle, once round the cycle,
//! stopping before the first id it has already passed.
//!
//! An Euler tour numbers the trees (an id's descendants are the ids
//! numbered from its entry up to its exit), so the nearest marked id above
//! each of a group's events comes from one sweep over the marked ids and
//! the queries in that order; a marked id on a cycle from a search of the
//! cycle's marked places. Building is linear in the events; a query of `k`
//! marked ids and `q` events costs `O((k + q) log (k + q))` for sorting,
//! whatever the length of the chains.

use std::collections::{HashMap, HashSet};

use crate::{Event, Project};

/// No node (an end of a list of children).
const NONE: usize = usize::MAX;

/// The `part_of` graph of one project's events.
#[derive(Debug)]
pub(crate) struct Forest<'a> {
    /// Each id's node.
    index: foldhash::HashMap<&'a str, usize>,
    /// Each node's id.
    names: Vec<&'a str>,
    /// Nodes below this are events' ids; the rest are only named by a `part_of`.
    events: usize,
    /// Where the Euler tour entered each node.
    entry: Vec<usize>,
    /// Where it left each node: the node's descendants entered in `entry..exit`.
    exit: Vec<usize>,
    /// The root of each node's tree (a node without a parent, or on a cycle).
    root: Vec<usize>,
    /// For a node on a cycle, the cycle's number and the node's place on it
    /// (places follow `part_of`).
    cycle: Vec<Option<(usize, usize)>>,
    /// Where the project's events lie: an event of the project is found by
    /// its place rather than its id hashed.
    places: Places,
    /// Each event's node and its `part_of`'s node, in the project's order.
    of_event: Vec<(usize, Option<usize>)>,
    /// Each event's parent: the place of the last event with the id its
    /// `part_of` names, as chains follow them; `None` without a `part_of`
    /// or for an id no event has.
    parent_of_event: Vec<Option<usize>>,
}

/// Where a project's events lie in its list, to find an event's place
/// (its index) from the event itself.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Places {
    /// The address of the first event.
    first: usize,
    /// How many events there are.
    len: usize,
}

impl Places {
    /// Where `project`'s events lie.
    pub(crate) fn of(project: &Project) -> Self {
        Places { first: project.events.as_ptr().addr(), len: project.events.len() }
    }

    /// The place of `event` in the project's list; `None` for an event
    /// that is not one of them.
    pub(crate) fn place(self, event: &Event) -> Option<usize> {
        let offset = std::ptr::from_ref(event).addr().wrapping_sub(self.first);
        let size = std::mem::size_of::<Event>();
        (offset % size == 0 && offset / size < self.len).then_some(offset / size)
    }
}

impl<'a> Forest<'a> {
    /// The graph of `project`'s events.
    pub(crate) fn new(project: &'a Project) -> Self {
        BUILDING.with(|building| match building.try_borrow_mut() {
            Ok(mut building) => {
                let forest = Self::build(project, &mut building);
                building.clear();
                forest
            }
            Err(_) => Self::build(project, &mut Building::default()),
        })
    }

    /// [`Forest::new`], in `building`'s buffers (empty).
    fn build(project: &'a Project, building: &mut Building) -> Self {
        let Building { last, parent, state, walk, first_child, next_sibling, stack } = building;
        let mut index: foldhash::HashMap<&'a str, usize> =
            foldhash::HashMap::with_capacity_and_hasher(project.events.len(), Default::default());
        let mut names: Vec<&'a str> = Vec::with_capacity(project.events.len());
        let mut of_event: Vec<(usize, Option<usize>)> = Vec::with_capacity(project.events.len());
        // Each event's id's node, and the place of the last event with it.
        for (place, event) in project.events.iter().enumerate() {
            let id = event.id.as_str();
            let node = *index.entry(id).or_insert_with(|| {
                names.push(id);
                last.push(place);
                names.len() - 1
            });
            last[node] = place;
            of_event.push((node, None));
        }
        let events = names.len();
        // The last event with an id gives its parent, as a map collected from the events does.
        for &place in last.iter() {
            let id = project.events.get(place).and_then(|event| event.part_of.as_ref()).map(|p| p.as_str());
            parent.push(id.map(|id| {
                *index.entry(id).or_insert_with(|| {
                    names.push(id);
                    names.len() - 1
                })
            }));
        }
        parent.resize(names.len(), None);
        // An event's own `part_of` (not its id's last one), as `node` finds it.
        for (event, (_, up)) in project.events.iter().zip(&mut of_event) {
            *up = event.part_of.as_ref().and_then(|p| index.get(p.as_str()).copied());
        }
        step(names.len());
        let cycle = cycles(parent, state, walk);
        let (entry, exit, root) = tour(parent, &cycle, first_child, next_sibling, stack);
        let parent_of_event = of_event.iter().map(|&(_, up)| up.filter(|&up| up < events).map(|up| last[up])).collect();
        let places = Places::of(project);
        Forest { index, names, events, entry, exit, root, cycle, places, of_event, parent_of_event }
    }

    /// How many nodes there are: every id of an event or named by a
    /// `part_of`. Nodes are numbered from 0.
    pub(crate) fn nodes(&self) -> usize {
        self.names.len()
    }

    /// The node of `event`'s id and that of its `part_of` (`None` for an id
    /// the forest does not have), as [`Forest::node`] gives them: looked up
    /// by the event's place for an event of the project, by its ids for any
    /// other.
    pub(crate) fn nodes_of(&self, event: &Event) -> (Option<usize>, Option<usize>) {
        match self.places.place(event).and_then(|place| self.of_event.get(place)) {
            Some(&(node, up)) => (Some(node), up),
            None => (self.node(event.id.as_str()), event.part_of.as_ref().and_then(|p| self.node(p.as_str()))),
        }
    }

    /// Where the project's events lie.
    pub(crate) fn places(&self) -> Places {
        self.places
    }

    /// The place of the parent of the event at `place`: the last event
    /// with the id its `part_of` names; `None` without a `part_of`, for an
    /// id no event has, or past the project's events.
    pub(crate) fn parent(&self, place: usize) -> Option<usize> {
        self.parent_of_event.get(place).copied().flatten()
    }

    /// The node of an id, event's or named by a `part_of`.
    pub(crate) fn node(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The node of an event's id; `None` for an id no event has.
    pub(crate) fn event_node(&self, id: &str) -> Option<usize> {
        self.node(id).filter(|&node| node < self.events)
    }

    /// The id of a node.
    pub(crate) fn name(&self, node: usize) -> &'a str {
        self.names.get(node).copied().unwrap_or_default()
    }

    /// For each query, the first marked node on its chain (the node itself
    /// first), or `None`: the answers, in the order of the queries, are
    /// given to `then`. The sweep's buffers are this thread's, used again
    /// from one group of events to the next rather than allocated for each
    /// (`then` must not ask the forest again).
    pub(crate) fn first_marked<R>(
        &self,
        marked: impl IntoIterator<Item = usize>,
        queries: impl IntoIterator<Item = Option<usize>>,
        then: impl FnOnce(&[Option<usize>]) -> R,
    ) -> R {
        SWEEP.with(|sweep| {
            let mut sweep = sweep.borrow_mut();
            sweep.clear();
            let Sweep { marked: marks, on_cycles, order, open, answers } = &mut *sweep;
            for (at, query) in queries.into_iter().enumerate() {
                answers.push(None);
                if let Some(node) = query {
                    order.push((self.entry[node], at, node));
                }
            }
            marks.extend(marked);
            if !marks.is_empty() && !order.is_empty() {
                self.sweep(marks, on_cycles, order, open, answers);
            }
            let answer = then(answers);
            sweep.clear();
            answer
        })
    }

    /// [`Forest::first_marked`] once its buffers are filled.
    fn sweep(
        &self,
        marked: &mut Vec<usize>,
        on_cycles: &mut Vec<(usize, usize, usize)>,
        order: &mut [(usize, usize, usize)],
        open: &mut Vec<usize>,
        answers: &mut [Option<usize>],
    ) {
        marked.sort_unstable_by_key(|&node| self.entry[node]);
        marked.dedup();
        on_cycles.extend(marked.iter().filter_map(|&node| self.cycle[node].map(|(cycle, place)| (cycle, place, node))));
        on_cycles.sort_unstable();
        order.sort_unstable();
        step(marked.len() + order.len());
        // The marked nodes whose subtree holds the current place, outermost first.
        let mut next = 0;
        for &(place, at, query) in order.iter() {
            while let Some(&node) = marked.get(next).filter(|&&node| self.entry[node] <= place) {
                self.close(open, self.entry[node]);
                open.push(node);
                next += 1;
            }
            self.close(open, place);
            answers[at] = open.last().copied().or_else(|| self.on_cycle(on_cycles, self.root[query]));
        }
    }

    /// Leaves the open subtrees that end before `place`.
    fn close(&self, open: &mut Vec<usize>, place: usize) {
        while open.last().is_some_and(|&node| self.exit[node] <= place) {
            open.pop();
            step(1);
        }
    }

    /// The first marked node round the cycle from `node`, if it is on one.
    fn on_cycle(&self, on_cycles: &[(usize, usize, usize)], node: usize) -> Option<usize> {
        let (cycle, place) = self.cycle[node]?;
        let from = on_cycles.partition_point(|&(c, p, _)| (c, p) < (cycle, place));
        let start = on_cycles.partition_point(|&(c, _, _)| c < cycle);
        [from, start].into_iter().filter_map(|at| on_cycles.get(at)).find(|(c, _, _)| *c == cycle).map(|&(_, _, n)| n)
    }
}

/// The cycle and place of every node on a cycle of `parent`, found with
/// `state` and `walk` (empty).
fn cycles(parent: &[Option<usize>], state: &mut Vec<u8>, walk: &mut Vec<usize>) -> Vec<Option<(usize, usize)>> {
    const NEW: u8 = 0;
    const ON_WALK: u8 = 1;
    const DONE: u8 = 2;
    state.resize(parent.len(), NEW);
    let mut cycle = vec![None; parent.len()];
    let mut cycles = 0;
    for start in 0..parent.len() {
        let mut at = Some(start);
        while let Some(node) = at.filter(|&node| state[node] == NEW) {
            state[node] = ON_WALK;
            walk.push(node);
            at = parent[node];
        }
        // A walk that comes back to itself has found a cycle: its end.
        if let Some(node) = at.filter(|&node| state[node] == ON_WALK) {
            let from = walk.iter().position(|&n| n == node).unwrap_or(walk.len());
            for (place, &n) in walk[from..].iter().enumerate() {
                cycle[n] = Some((cycles, place));
            }
            cycles += 1;
        }
        step(walk.len());
        walk.drain(..).for_each(|node| state[node] = DONE);
    }
    cycle
}

/// An Euler tour of the trees: where it entered and left each node, and
/// each node's root. Nodes on a cycle are roots; so are nodes without a
/// parent. The tour is made in `first_child`, `next_sibling` and `stack`
/// (empty).
fn tour(
    parent: &[Option<usize>],
    cycle: &[Option<(usize, usize)>],
    first_child: &mut Vec<usize>,
    next_sibling: &mut Vec<usize>,
    stack: &mut Vec<(usize, usize)>,
) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let n = parent.len();
    let tree_parent = |node: usize| parent[node].filter(|_| cycle[node].is_none());
    first_child.resize(n, NONE);
    next_sibling.resize(n, NONE);
    for node in (0..n).rev() {
        if let Some(up) = tree_parent(node) {
            next_sibling[node] = first_child[up];
            first_child[up] = node;
        }
    }
    let (mut entry, mut exit, mut root) = (vec![0; n], vec![0; n], vec![0; n]);
    let mut clock = 0;
    for top in (0..n).filter(|&node| tree_parent(node).is_none()) {
        entry[top] = clock;
        root[top] = top;
        clock += 1;
        stack.push((top, first_child[top]));
        while let Some((node, child)) = stack.last_mut() {
            if *child == NONE {
                exit[*node] = clock;
                stack.pop();
            } else {
                let next = *child;
                *child = next_sibling[next];
                entry[next] = clock;
                root[next] = top;
                clock += 1;
                stack.push((next, first_child[next]));
            }
        }
    }
    step(n);
    (entry, exit, root)
}

/// The chain of `part_of` ancestors of an event, stopping before an id it
/// has passed (cycles are cut): what the events export marks counted
/// figures by. The chain is walked as it is read, so a search that stops
/// at the parent costs one step, and a long chain's ids are checked for
/// repeats in a set, so a whole walk costs its length.
pub(crate) fn ancestors<'a, 'm>(event: &'a Event, by_id: &'m HashMap<&str, &'a Event>) -> Ancestors<'a, 'm> {
    Ancestors { event, by_id }
}

/// The `part_of` ancestors of an event; see [`ancestors`].
#[derive(Debug)]
pub(crate) struct Ancestors<'a, 'm> {
    event: &'a Event,
    by_id: &'m HashMap<&'m str, &'a Event>,
}

impl<'a> Ancestors<'a, '_> {
    /// The ancestors' ids, the parent first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        /// Chains up to this long are searched for repeats without a set.
        const SHORT: usize = 16;
        let mut passed: Vec<&'a str> = Vec::new();
        let mut seen: HashSet<&'a str> = HashSet::new();
        let mut current = self.event.part_of.as_ref();
        std::iter::from_fn(move || {
            let id = current?.as_str();
            if id == self.event.id.as_str() || passed.contains(&id) || seen.contains(id) {
                current = None;
                return None;
            }
            if passed.len() < SHORT {
                passed.push(id);
            } else {
                if seen.is_empty() {
                    seen.extend(passed.iter().copied());
                }
                seen.insert(id);
            }
            current = self.by_id.get(id).and_then(|e| e.part_of.as_ref());
            Some(id)
        })
    }
}

/// The buffers of [`Forest::first_marked`], kept by each thread.
#[derive(Debug, Default)]
struct Sweep {
    marked: Vec<usize>,
    on_cycles: Vec<(usize, usize, usize)>,
    order: Vec<(usize, usize, usize)>,
    open: Vec<usize>,
    answers: Vec<Option<usize>>,
}

/// Buffers longer than this are let go after use, so that one project
/// with a great many events does not hold memory for the rest of the run.
const KEPT: usize = 4_096;

/// Empties `buffer` for its next use, letting it go if it is longer than [`KEPT`].
fn clear<T>(buffer: &mut Vec<T>) {
    buffer.clear();
    if buffer.capacity() > KEPT {
        *buffer = Vec::new();
    }
}

impl Sweep {
    /// Empties the buffers for the next sweep.
    fn clear(&mut self) {
        clear(&mut self.marked);
        clear(&mut self.on_cycles);
        clear(&mut self.order);
        clear(&mut self.open);
        clear(&mut self.answers);
    }
}

thread_local! {
    /// This thread's sweep buffers.
    static SWEEP: std::cell::RefCell<Sweep> = std::cell::RefCell::default();
    /// This thread's buffers for building a forest.
    static BUILDING: std::cell::RefCell<Building> = std::cell::RefCell::default();
}

/// What [`Forest::new`] needs only while it builds a forest, kept by each
/// thread from one project to the next.
#[derive(Debug, Default)]
struct Building {
    /// The place of the last event with each event id's node.
    last: Vec<usize>,
    /// Each node's parent: the node its last event's `part_of` names.
    parent: Vec<Option<usize>>,
    /// Each node's state in the search for cycles.
    state: Vec<u8>,
    walk: Vec<usize>,
    first_child: Vec<usize>,
    next_sibling: Vec<usize>,
    stack: Vec<(usize, usize)>,
}

impl Building {
    /// Empties the buffers for the next forest.
    fn clear(&mut self) {
        clear(&mut self.last);
        clear(&mut self.parent);
        clear(&mut self.state);
        clear(&mut self.walk);
        clear(&mut self.first_child);
        clear(&mut self.next_sibling);
        clear(&mut self.stack);
    }
}

#[cfg(test)]
thread_local! {
    /// Work done by the forests of this thread: nodes built, marked nodes
    /// and queries swept, subtrees left.
    static STEPS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts work, in tests.
#[cfg(test)]
fn step(work: usize) {
    STEPS.with(|steps| steps.set(steps.get() + work as u64));
}

#[cfg(not(test))]
fn step(_: usize) {}

/// The work counted on this thread so far.
#[cfg(test)]
pub(crate) fn steps() -> u64 {
    STEPS.with(std::cell::Cell::get)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aggregate::participation::{Dimension, rows_of};
    use crate::aggregate::reference::chain;
    use crate::{Language, Total};

    /// The work of aggregating every dimension of a project, with derivations.
    fn work(project: &Project) -> u64 {
        let before = steps();
        crate::aggregate::Aggregator::new().explain(true).add_project(project);
        steps() - before
    }

    #[test]
    fn the_work_grows_linearly_with_a_part_of_chain_or_cycle() {
        for cycle in [false, true] {
            let sizes = [250, 500, 1_000, 2_000];
            let work: Vec<u64> = sizes.iter().map(|&n| work(&chain(n, cycle))).collect();
            for (n, steps) in sizes.iter().zip(&work) {
                // Each event is at most marked, asked about, left and an
                // overlap, for each of two figures in each of eight
                // dimensions: 64 steps. A walk up the chain for every event
                // would be n² / 2 steps, 125 per event at 250 already.
                assert!(*steps <= 64 * *n as u64, "{steps} steps for {n} events (cycle: {cycle})");
            }
            assert!(work[3] <= 2 * work[2] + 2 * work[0], "doubling the events doubles the work: {work:?}");
        }
    }

    #[test]
    fn an_events_nodes_by_its_place_are_those_of_its_ids() {
        let mut project = chain(50, true);
        // A repeated id whose events name different parents, and a dangling `part_of`.
        project.events[7].id = project.events[3].id.clone();
        project.events[9].part_of = Some(crate::Id::new("nowhere").unwrap());
        let forest = Forest::new(&project);
        let by_ids = |event: &Event| {
            (forest.node(event.id.as_str()), event.part_of.as_ref().and_then(|p| forest.node(p.as_str())))
        };
        for event in &project.events {
            assert_eq!(forest.nodes_of(event), by_ids(event), "{}", event.id);
            // A copy elsewhere in memory is found by its ids.
            let copy = event.clone();
            assert_eq!(forest.nodes_of(&copy), by_ids(event), "{}", event.id);
        }
        assert_ne!(forest.nodes_of(&project.events[7]).1, forest.nodes_of(&project.events[3]).1);
    }

    #[test]
    fn a_chain_counts_its_top_event_and_a_cycle_none_as_the_chains_say() {
        let n = 2_000;
        let project = chain(n, false);
        let rows = rows_of(&project, Dimension::Project, Language::Fi, true);
        let top = project.events.iter().find(|e| e.part_of.is_none()).unwrap();
        let attendances = rows[0].attendances.as_ref().unwrap();
        assert_eq!(attendances.value, Total::from(top.participation.unwrap().attendances.unwrap()));
        assert_eq!(attendances.derivation.as_ref().unwrap().records.len(), 1);
        assert_eq!(rows[0].events_held, n as u64);

        // Round a cycle every event has an ancestor with a figure: none is counted.
        let project = chain(n, true);
        let rows = rows_of(&project, Dimension::Project, Language::Fi, true);
        assert_eq!((rows[0].events_held, rows[0].attendances.as_ref()), (n as u64, None));

        // Every event's chain is every other event of the cycle.
        let by_id: HashMap<&str, &Event> = project.events.iter().map(|e| (e.id.as_str(), e)).collect();
        assert!(project.events.iter().all(|e| ancestors(e, &by_id).iter().count() == n - 1));
    }
}
