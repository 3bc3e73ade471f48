//! The simulator's store: users, roles, categories, the source, threads, contents,
//! identities, interventions, tasks, and everything recorded for inspection.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};

use serde_json::Value;
use time::OffsetDateTime;
use tokio::time::Instant;

use super::clock::now;
use super::config::{Faults, SimAgent, SimConfig};
use super::index::Indexes;
use super::queue::TaskQueue;
use super::records::*;
use super::typing_throttle::TypingThrottle;
use crate::models::{
    CategoryId, ChannelId, ContentId, IdentityGroupId, IdentityId, InterventionId, RoleId, SourceId, TaskId,
    ThreadId, UserId,
};

/// A user of the simulated domain (agents and the API user).
#[derive(Debug, Clone)]
pub(crate) struct UserRow {
    pub(crate) id: UserId,
    pub(crate) firstname: String,
    pub(crate) lastname: String,
    pub(crate) email: String,
    pub(crate) rc_user_id: Option<String>,
    pub(crate) role_id: RoleId,
    pub(crate) category_ids: Vec<CategoryId>,
    pub(crate) identity_ids: Vec<IdentityId>,
    pub(crate) created_at: OffsetDateTime,
}

/// A role.
#[derive(Debug, Clone)]
pub(crate) struct RoleRow {
    pub(crate) id: RoleId,
    pub(crate) label: String,
    pub(crate) admin: bool,
    /// Flags set on top of the base permissions (builder or `PUT /roles/{id}`).
    pub(crate) flags: BTreeMap<String, bool>,
}

/// A category.
#[derive(Debug, Clone)]
pub(crate) struct CategoryRow {
    pub(crate) id: CategoryId,
    pub(crate) name: String,
    pub(crate) color: u32,
    pub(crate) created_at: OffsetDateTime,
}

/// The one Source SDK source and its channel.
#[derive(Debug, Clone)]
pub(crate) struct SourceRow {
    pub(crate) id: SourceId,
    pub(crate) name: String,
    pub(crate) channel_id: ChannelId,
    pub(crate) channel_name: String,
    pub(crate) bot_category: CategoryId,
    pub(crate) agent_category: CategoryId,
    pub(crate) created_at: OffsetDateTime,
}

/// What was last told to the service about a waiting task.
#[derive(Debug, Clone, Copy)]
pub(crate) struct QueueNotice {
    pub(crate) position: usize,
    pub(crate) estimate: u64,
    /// When the next notice is due even if nothing changes.
    pub(crate) due: Instant,
}

/// Everything the simulator knows. Read it in [`Inspector::wait_for`](super::Inspector::wait_for)
/// predicates and [`Inspector::read`](super::Inspector::read).
#[derive(Debug)]
pub struct SimState {
    next_id: u128,
    pub(crate) domain_id: String,
    pub(crate) source: SourceRow,
    pub(crate) api_user: UserId,
    pub(crate) users: Vec<UserRow>,
    pub(crate) roles: Vec<RoleRow>,
    pub(crate) categories: Vec<CategoryRow>,
    pub(crate) threads: Vec<ThreadRecord>,
    pub(crate) contents: Vec<ContentRecord>,
    pub(crate) identities: Vec<IdentityRecord>,
    pub(crate) interventions: Vec<InterventionRecord>,
    pub(crate) tasks: Vec<TaskRecord>,
    pub(crate) queue: TaskQueue,
    pub(crate) agents: Vec<AgentRecord>,
    pub(crate) scripts: Vec<SimAgent>,
    pub(crate) actions: Vec<ActionRecord>,
    pub(crate) webhooks: Vec<WebhookRecord>,
    pub(crate) validations: Vec<ValidationRecord>,
    pub(crate) read_marks: Vec<ReadMark>,
    pub(crate) typing: Vec<TypingEvent>,
    pub(crate) send_api_calls: Vec<SendApiCall>,
    pub(crate) protocol_errors: Vec<ProtocolError>,
    /// The service's `implementation.info` answer, once received.
    pub(crate) info: Option<Value>,
    /// What `GET /time_sheets` lists.
    pub(crate) time_sheets: Vec<Value>,
    pub(crate) typing_throttle: TypingThrottle,
    pub(crate) rest_window: VecDeque<Instant>,
    /// REST requests accepted per rolling minute; `None`: no budget (a load run's default).
    pub(crate) rest_rate_limit: Option<u32>,
    pub(crate) queue_notices: HashMap<TaskId, QueueNotice>,
    /// Waiting real tasks not yet told their starting position.
    pub(crate) unannounced: HashSet<TaskId>,
    /// When each waiting real task's periodic notice falls due.
    pub(crate) notice_due: BTreeSet<(Instant, TaskId)>,
    /// The available capacity the last estimates were computed with.
    pub(crate) notice_capacity: usize,
    pub(crate) ix: Indexes,
    /// Requests the service made, by API.
    pub(crate) api_counts: ApiCounts,
    /// The faults in force (switchable while running).
    pub(crate) faults: Faults,
    /// How many of each kind of record (actions, webhooks, Send API calls, ...) are kept.
    pub(crate) record_limit: usize,
    /// The seeded random generator behind every fault and challenge.
    pub(crate) rng: fastrand::Rng,
}

impl SimState {
    pub(crate) fn new(config: &SimConfig) -> Self {
        let t = now();
        let mut s = SimState {
            next_id: 0x5f1d_e5e0_0000_0000_0000_0000 + (u128::from(config.seed as u16) << 32),
            domain_id: String::new(),
            source: SourceRow {
                id: SourceId::new(""),
                name: "Simulated SDK source".into(),
                channel_id: ChannelId::new(""),
                channel_name: "Simulated messaging".into(),
                bot_category: CategoryId::new(""),
                agent_category: CategoryId::new(""),
                created_at: t,
            },
            api_user: UserId::new(""),
            users: Vec::new(),
            roles: Vec::new(),
            categories: Vec::new(),
            threads: Vec::new(),
            contents: Vec::new(),
            identities: Vec::new(),
            interventions: Vec::new(),
            tasks: Vec::new(),
            queue: TaskQueue::default(),
            agents: Vec::new(),
            scripts: Vec::new(),
            actions: Vec::new(),
            webhooks: Vec::new(),
            validations: Vec::new(),
            read_marks: Vec::new(),
            typing: Vec::new(),
            send_api_calls: Vec::new(),
            protocol_errors: Vec::new(),
            info: None,
            time_sheets: Vec::new(),
            typing_throttle: TypingThrottle::default(),
            rest_window: VecDeque::new(),
            rest_rate_limit: Some(config.rest_rate_limit),
            queue_notices: HashMap::new(),
            unannounced: HashSet::new(),
            notice_due: BTreeSet::new(),
            notice_capacity: 0,
            ix: Indexes::default(),
            api_counts: ApiCounts::default(),
            faults: config.faults.clone(),
            record_limit: config.record_limit.max(1),
            rng: fastrand::Rng::with_seed(config.seed),
        };
        s.domain_id = s.next_id();
        s.source.id = SourceId::new(s.next_id());
        s.source.channel_id = ChannelId::new(s.next_id());
        s.source.bot_category = CategoryId::new(s.next_id());
        s.source.agent_category = CategoryId::new(s.next_id());
        let fixed = [
            (s.source.bot_category.clone(), "Bot".to_owned(), 4),
            (s.source.agent_category.clone(), "Agent".to_owned(), 2),
        ];
        let extra: Vec<_> = config
            .categories
            .iter()
            .map(|name| (CategoryId::new(s.next_id()), name.clone(), 0))
            .collect();
        for (id, name, color) in fixed.into_iter().chain(extra) {
            s.categories.push(CategoryRow {
                id,
                name,
                color,
                created_at: t,
            });
        }
        let admin = RoleId::new(s.next_id());
        let agent_role = RoleId::new(s.next_id());
        s.roles.push(RoleRow {
            id: admin.clone(),
            label: "Admin".into(),
            admin: true,
            flags: BTreeMap::new(),
        });
        s.roles.push(RoleRow {
            id: agent_role.clone(),
            label: "Agent".into(),
            admin: false,
            flags: BTreeMap::new(),
        });
        for role in &config.roles {
            let id = s.role_by_label(&role.label);
            if let Some(row) = s.roles.iter_mut().find(|r| r.id == id) {
                row.flags.extend(role.flags.iter().cloned());
            }
        }
        s.api_user = UserId::new(s.next_id());
        s.users.push(UserRow {
            id: s.api_user.clone(),
            firstname: "API".into(),
            lastname: "Bot".into(),
            email: "api@simulator.invalid".into(),
            rc_user_id: None,
            role_id: admin,
            category_ids: vec![s.source.bot_category.clone()],
            identity_ids: Vec::new(),
            created_at: t,
        });
        for agent in &config.agents {
            let role = match &agent.role {
                Some(label) => s.role_by_label(label),
                None => agent_role.clone(),
            };
            s.add_agent(agent.clone(), &role);
        }
        s
    }

    /// The id of the role labelled `label`, created (granting nothing extra) when missing.
    fn role_by_label(&mut self, label: &str) -> RoleId {
        if let Some(r) = self.roles.iter().find(|r| r.label == label) {
            return r.id.clone();
        }
        let id = RoleId::new(self.next_id());
        self.roles.push(RoleRow {
            id: id.clone(),
            label: label.to_owned(),
            admin: false,
            flags: BTreeMap::new(),
        });
        id
    }

    fn add_agent(&mut self, agent: SimAgent, role: &RoleId) {
        let t = now();
        let user_id = UserId::new(self.next_id());
        let identity_id = IdentityId::new(self.next_id());
        let group = IdentityGroupId::new(self.next_id());
        let (first, last) = match agent.name.split_once(' ') {
            Some((f, l)) => (f.to_owned(), l.to_owned()),
            None => (agent.name.clone(), String::new()),
        };
        let login: String = agent.name.chars().filter(char::is_ascii_alphanumeric).collect();
        self.insert_identity(IdentityRecord {
            id: identity_id.clone(),
            foreign_id: format!("agent-{user_id}"),
            identity_group_id: group,
            screenname: agent.name.clone(),
            firstname: Some(first.clone()),
            lastname: Some(last.clone()).filter(|l| !l.is_empty()),
            email: None,
            home_phone: None,
            mobile_phone: None,
            gender: None,
            avatar_url: None,
            context_data: None,
            puppetizable: false,
            user_id: Some(user_id.clone()),
            created_at: t,
            updated_at: t,
        });
        self.users.push(UserRow {
            id: user_id.clone(),
            firstname: first,
            lastname: last,
            email: format!("{}@simulator.invalid", login.to_lowercase()),
            rc_user_id: agent.rc_user_id.clone(),
            role_id: role.clone(),
            category_ids: vec![self.source.agent_category.clone()],
            identity_ids: vec![identity_id.clone()],
            created_at: t,
        });
        self.agents.push(AgentRecord {
            user_id,
            name: agent.name.clone(),
            capacity: agent.capacity,
            load: 0,
            available: agent.available,
            identity_id,
        });
        self.scripts.push(agent);
    }

    /// A fresh 24-hex id. Ids are sequential, hence deterministic.
    pub(crate) fn next_id(&mut self) -> String {
        self.next_id += 1;
        format!("{:024x}", self.next_id & ((1u128 << 96) - 1))
    }

    // ----- read accessors (public, for inspection) -----

    /// Stored contents, oldest first.
    pub fn contents(&self) -> &[ContentRecord] {
        &self.contents
    }

    /// Threads, oldest first.
    pub fn threads(&self) -> &[ThreadRecord] {
        &self.threads
    }

    /// Identities (customers and agents).
    pub fn identities(&self) -> &[IdentityRecord] {
        &self.identities
    }

    /// Interventions, oldest first.
    pub fn interventions(&self) -> &[InterventionRecord] {
        &self.interventions
    }

    /// Routing tasks (real and phantom), oldest first.
    pub fn tasks(&self) -> &[TaskRecord] {
        &self.tasks
    }

    /// Ids of the tasks waiting, first in line first.
    pub fn queue(&self) -> impl Iterator<Item = &TaskId> {
        self.queue.iter()
    }

    /// Simulated agents and their load.
    pub fn agents(&self) -> &[AgentRecord] {
        &self.agents
    }

    /// Every call made to the service's SDK endpoint (one per attempt).
    pub fn actions(&self) -> &[ActionRecord] {
        &self.actions
    }

    /// Calls of one action, e.g. `messaging.queuing_update`.
    pub fn actions_named<'a>(&'a self, action: &'a str) -> impl Iterator<Item = &'a ActionRecord> {
        self.actions.iter().filter(move |a| a.action == action)
    }

    /// Every webhook delivery attempt.
    pub fn webhooks(&self) -> &[WebhookRecord] {
        &self.webhooks
    }

    /// Types of the events the service acknowledged (status 200), in delivery order,
    /// duplicates included.
    pub fn delivered_event_types(&self) -> Vec<String> {
        self.webhooks
            .iter()
            .filter(|w| w.status == Some(200))
            .flat_map(|w| w.event_types.iter().cloned())
            .collect()
    }

    /// Webhook validation requests.
    pub fn validations(&self) -> &[ValidationRecord] {
        &self.validations
    }

    /// `status.mark_as_read` calls received.
    pub fn read_marks(&self) -> &[ReadMark] {
        &self.read_marks
    }

    /// Typing events received.
    pub fn typing(&self) -> &[TypingEvent] {
        &self.typing
    }

    /// How many requests the service made to the REST and Send APIs (never trimmed).
    pub fn api_counts(&self) -> ApiCounts {
        self.api_counts
    }

    /// Every Send API request and its answer.
    pub fn send_api_calls(&self) -> &[SendApiCall] {
        &self.send_api_calls
    }

    /// Protocol errors: bad response signatures, non-JSON bodies, missing ids.
    pub fn protocol_errors(&self) -> &[ProtocolError] {
        &self.protocol_errors
    }

    /// The service's `implementation.info` answer, once received.
    pub fn implementation_info(&self) -> Option<&Value> {
        self.info.as_ref()
    }

    /// The thread whose foreign id (the service's thread id) is `foreign_id`.
    pub fn thread_by_foreign_id(&self, foreign_id: &str) -> Option<&ThreadRecord> {
        self.ix
            .thread_by_foreign
            .get(foreign_id)
            .map(|&i| &self.threads[i])
    }

    /// A thread by Engage id.
    pub fn thread(&self, id: &ThreadId) -> Option<&ThreadRecord> {
        self.ix.thread.get(id).map(|&i| &self.threads[i])
    }

    /// Contents of a thread, oldest first.
    pub fn contents_in(&self, thread: &ThreadId) -> Vec<&ContentRecord> {
        self.ix
            .contents_of_thread
            .get(thread)
            .map(|all| all.iter().map(|&i| &self.contents[i]).collect())
            .unwrap_or_default()
    }

    /// A content by Engage id.
    pub fn content(&self, id: &ContentId) -> Option<&ContentRecord> {
        self.ix.content.get(id).map(|&i| &self.contents[i])
    }

    /// An intervention by id.
    pub fn intervention(&self, id: &InterventionId) -> Option<&InterventionRecord> {
        self.ix.intervention.get(id).map(|&i| &self.interventions[i])
    }

    /// An identity by id.
    pub fn identity(&self, id: &IdentityId) -> Option<&IdentityRecord> {
        self.ix.identity.get(id).map(|&i| &self.identities[i])
    }

    /// A task by id.
    pub fn task(&self, id: &TaskId) -> Option<&TaskRecord> {
        self.ix.task.get(id).map(|&i| &self.tasks[i])
    }

    /// The open intervention of a thread, if any.
    pub fn open_intervention(&self, thread: &ThreadId) -> Option<&InterventionRecord> {
        self.ix
            .interventions_of_thread
            .get(thread)?
            .iter()
            .map(|&i| &self.interventions[i])
            .find(|i| i.status == InterventionStatus::Open)
    }

    /// The 1-based queue position of a thread's waiting task.
    pub fn queue_position(&self, thread: &ThreadId) -> Option<usize> {
        self.queue.position(self.ix.waiting_task.get(thread)?)
    }

    /// Number of tasks waiting (real and phantom).
    pub fn queue_len(&self) -> usize {
        self.queue.len()
    }

    // ----- internal helpers -----

    /// Whether the service's `implementation.info` lists `action` (e.g. `create`) for
    /// `object` (e.g. `messages`); `false` before any answer.
    pub(crate) fn declared_action(&self, object: &str, action: &str) -> bool {
        match self
            .info
            .as_ref()
            .and_then(|i| i.get("objects"))
            .and_then(|o| o.get(object))
        {
            Some(Value::Array(actions)) => actions.iter().any(|a| a.as_str() == Some(action)),
            _ => false,
        }
    }

    pub(crate) fn declared_option(&self, option: &str) -> bool {
        self.info
            .as_ref()
            .and_then(|i| i.get("options"))
            .and_then(Value::as_array)
            .is_some_and(|o| o.iter().any(|v| v.as_str() == Some(option)))
    }

    pub(crate) fn user(&self, id: &UserId) -> Option<&UserRow> {
        self.users.iter().find(|u| &u.id == id)
    }

    pub(crate) fn agent_index(&self, id: &UserId) -> Option<usize> {
        self.agents.iter().position(|a| &a.user_id == id)
    }

    /// A thread, to change it (its id and foreign id stay as they are).
    pub(crate) fn thread_mut(&mut self, id: &ThreadId) -> Option<&mut ThreadRecord> {
        self.ix.thread.get(id).map(|&i| &mut self.threads[i])
    }

    /// A task, to change it (its id and thread stay as they are).
    pub(crate) fn task_mut(&mut self, id: &TaskId) -> Option<&mut TaskRecord> {
        self.ix.task.get(id).map(|&i| &mut self.tasks[i])
    }

    /// An intervention, to change it (its id and thread stay as they are).
    pub(crate) fn intervention_mut(&mut self, id: &InterventionId) -> Option<&mut InterventionRecord> {
        self.ix.intervention.get(id).map(|&i| &mut self.interventions[i])
    }

    /// A customer identity by the service's user id.
    pub(crate) fn customer_mut(&mut self, foreign_id: &str) -> Option<&mut IdentityRecord> {
        self.ix
            .customer_by_foreign
            .get(foreign_id)
            .map(|&i| &mut self.identities[i])
    }

    /// The first content stored with the foreign id `foreign`.
    pub(crate) fn content_by_foreign_id(&self, foreign: &str) -> Option<&ContentRecord> {
        self.ix
            .content_by_foreign
            .get(foreign)
            .map(|&i| &self.contents[i])
    }

    /// Whether a customer content with the foreign id `foreign` is stored.
    pub(crate) fn has_inbound(&self, foreign: &str) -> bool {
        self.ix.inbound_by_foreign.contains(foreign)
    }

    /// Records the foreign id the service gave an agent content; `false` if unknown.
    pub(crate) fn set_content_foreign_id(&mut self, id: &ContentId, foreign: String) -> bool {
        let Some(&at) = self.ix.content.get(id) else {
            return false;
        };
        let c = &mut self.contents[at];
        self.ix.add_content_foreign_id(at, c.direction, &foreign);
        c.foreign_id = Some(foreign);
        true
    }

    pub(crate) fn insert_thread(&mut self, t: ThreadRecord) {
        self.ix.add_thread(self.threads.len(), &t);
        self.threads.push(t);
    }

    pub(crate) fn insert_content(&mut self, c: ContentRecord) {
        self.ix.add_content(self.contents.len(), &c);
        self.contents.push(c);
    }

    pub(crate) fn insert_identity(&mut self, i: IdentityRecord) {
        self.ix.add_identity(self.identities.len(), &i);
        self.identities.push(i);
    }

    pub(crate) fn insert_intervention(&mut self, i: InterventionRecord) {
        self.ix.add_intervention(self.interventions.len(), &i);
        self.interventions.push(i);
    }

    pub(crate) fn insert_task(&mut self, t: TaskRecord) {
        self.ix.add_task(self.tasks.len(), &t);
        self.tasks.push(t);
    }

    /// Records one call to the service's SDK endpoint.
    pub(crate) fn record_action(&mut self, record: ActionRecord) {
        push_bounded(&mut self.actions, self.record_limit, record);
    }

    /// Draws `true` with probability `rate`.
    pub(crate) fn chance(&mut self, rate: f64) -> bool {
        rate > 0.0 && self.rng.f64() < rate
    }

    /// A random lowercase hex string of `bytes` bytes.
    pub(crate) fn random_hex(&mut self, bytes: usize) -> String {
        (0..bytes).map(|_| format!("{:02x}", self.rng.u8(..))).collect()
    }

    pub(crate) fn protocol_error(&mut self, context: impl Into<String>, detail: impl Into<String>) {
        let error = ProtocolError {
            context: context.into(),
            detail: detail.into(),
            at: now(),
        };
        push_bounded(&mut self.protocol_errors, self.record_limit, error);
    }

    /// The last customer content of a thread.
    pub(crate) fn last_inbound(&self, thread: &ThreadId) -> Option<&ContentRecord> {
        self.ix.last_inbound.get(thread).map(|&i| &self.contents[i])
    }

    /// Display name of a user.
    pub(crate) fn user_name(&self, id: &UserId) -> String {
        match self.agents.iter().find(|a| &a.user_id == id) {
            Some(a) => a.name.clone(),
            None => self
                .user(id)
                .map(|u| format!("{} {}", u.firstname, u.lastname).trim().to_owned())
                .unwrap_or_default(),
        }
    }
}

/// Appends a record, first dropping the oldest half when `limit` are kept, so a long run
/// keeps its most recent records and memory stays bounded (amortized O(1) per record).
pub(crate) fn push_bounded<T>(records: &mut Vec<T>, limit: usize, record: T) {
    if records.len() >= limit {
        records.drain(..records.len() - limit / 2);
    }
    records.push(record);
}

#[cfg(test)]
mod tests {
    use super::push_bounded;

    #[test]
    fn records_stay_bounded_and_keep_the_newest() {
        for limit in [1, 2, 3, 10, 1000] {
            let mut records = Vec::new();
            for n in 0..10_000 {
                push_bounded(&mut records, limit, n);
                assert!(records.len() <= limit);
                assert_eq!(records.last(), Some(&n));
                assert!(
                    records.windows(2).all(|w| w[1] == w[0] + 1),
                    "oldest dropped first"
                );
            }
            assert!(records.len() > limit / 2);
        }
    }
}
