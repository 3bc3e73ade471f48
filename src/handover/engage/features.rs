//! The optional handover features' settings on [`EngageConfigBuilder`]: availability on the
//! source's channel, queue thresholds, business hours, user inactivity. Each setter is optional; defaults leave
//! the feature off.

use std::sync::Arc;
use std::time::Duration;

use super::business_hours::{DateOrder, ScheduleCache};
use super::config::{EngageConfig, EngageConfigBuilder};
use super::reconcile::DEFAULT_RECONCILE_AFTER;
use crate::handover::inactivity::UserInactivity;
use crate::handover::thresholds::QueueThresholds;
use crate::models::ChannelId;
use crate::Result;

/// Settings of the optional features, checked by [`Features::validate`] at build time.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    /// Count agents on the source's own channel (when no channel is set explicitly).
    pub(crate) availability_on_source_channel: bool,
    /// The source's channel, read once.
    pub(crate) source_channel: Arc<tokio::sync::OnceCell<ChannelId>>,
    /// Limits on waiting in the queue.
    pub(crate) queue_thresholds: Option<QueueThresholds>,
    /// Business hours checked before each handover, holiday dates read in this order.
    pub(crate) business_hours: Option<DateOrder>,
    /// The time sheets last read.
    pub(crate) schedules: Arc<ScheduleCache>,
    /// Timeouts on the user's silence.
    pub(crate) user_inactivity: Option<UserInactivity>,
    /// Reconciliation after this long without news ([`DEFAULT_RECONCILE_AFTER`] when unset).
    pub(crate) reconcile_after: Option<Duration>,
    /// Reconciliation turned off.
    pub(crate) no_reconcile: bool,
}

impl Features {
    /// Refuses settings that cannot work, with the setter's name.
    pub(crate) fn validate(self) -> Result<Self> {
        if let Some(limits) = &self.queue_thresholds {
            limits.validate()?;
        }
        if let Some(inactivity) = &self.user_inactivity {
            inactivity.validate()?;
        }
        if self
            .reconcile_after
            .is_some_and(|after| after < MIN_RECONCILE_AFTER)
        {
            return Err(crate::Error::invalid_argument(
                "reconcile_after",
                format!("must be at least {} s", MIN_RECONCILE_AFTER.as_secs()),
            ));
        }
        Ok(self)
    }

    /// How long a live handover goes without news before it is reconciled; `None` when off.
    pub(crate) fn reconcile_interval(&self) -> Option<Duration> {
        (!self.no_reconcile).then(|| self.reconcile_after.unwrap_or(DEFAULT_RECONCILE_AFTER))
    }
}

/// The shortest [`EngageConfigBuilder::reconcile_after`] accepted: each reconciliation costs 3
/// REST calls out of Engage's 500 per minute.
const MIN_RECONCILE_AFTER: Duration = Duration::from_secs(60);

impl EngageConfigBuilder {
    /// Checks agent availability before each handover on the channel of the configured
    /// source (read once with `GET /content_sources/{id}`), as Engage's docs define it: an
    /// agent counts when `available` on that channel and not `full` there. With nobody
    /// available, the handover fails before anything is sent. An explicit
    /// [`availability_check`](Self::availability_check) channel takes precedence.
    pub fn availability_check_on_source_channel(mut self) -> Self {
        self.features.availability_on_source_channel = true;
        self
    }

    /// Limits on waiting in the queue (position, estimated wait, time waited) and what to do
    /// when one is crossed; see [`QueueThresholds`]. [`build`](Self::build) refuses limits
    /// of zero and thresholds without any limit.
    pub fn queue_thresholds(mut self, limits: QueueThresholds) -> Self {
        self.features.queue_thresholds = Some(limits);
        self
    }

    /// Checks the source's business hours (Engage's time sheets) before each handover:
    /// outside them, `start` fails with [`HandoverError::Closed`](crate::handover::HandoverError::Closed)
    /// and [`check_availability`](crate::handover::HandoverProvider::check_availability) answers
    /// [`Availability::Closed`](crate::handover::Availability::Closed), both with the next
    /// opening. `holiday_dates` says how ambiguous holiday dates (`04/12/2026`) are written in
    /// the domain's locale.
    ///
    /// The active time sheets listing the source in `source_ids` apply (`GET /time_sheets`,
    /// re-read every five minutes); the source is open when any of them is. Hours are
    /// wall-clock ranges in the sheet's time zone (IANA or Engage's names such as `Paris`;
    /// UTC when it has none), overlapping ranges merge, holidays close their whole local day
    /// (dates without a year recur yearly; past ones never match). A time sheet that cannot be
    /// read (unknown zone, malformed hours or dates: a [`TimeSheetError`](crate::handover::TimeSheetError))
    /// never blocks a handover: it is logged and the source counts as open.
    pub fn business_hours(mut self, holiday_dates: DateOrder) -> Self {
        self.features.business_hours = Some(holiday_dates);
        self
    }

    /// Timeouts on the user's silence while queued and while with an agent, reported with
    /// [`UserInactive`](crate::handover::HandoverEvent::UserInactive) and optionally ending the
    /// handover; see [`UserInactivity`]. [`build`](Self::build) refuses timeouts shorter than
    /// Engage's typing throttle.
    pub fn user_inactivity(mut self, inactivity: UserInactivity) -> Self {
        self.features.user_inactivity = Some(inactivity);
        self
    }

    /// How long a live handover may go without news from Engage (no queue update, agent
    /// join or agent message) before it is reconciled: the thread, its interventions and its
    /// latest contents are read with the REST API, and a missed `AgentJoined`, agent messages
    /// never delivered (in order, once each) and the end are emitted. Handovers are also
    /// reconciled on [`resume_all`](super::EngageHandover::resume_all).
    ///
    /// On by default with [`DEFAULT_RECONCILE_AFTER`] (2 hours). Each reconciliation costs 3
    /// REST calls (4 when a join was missed), at most once per interval per handover, each
    /// handover delayed by a stable share of one more interval: 10,000 silent handovers use
    /// about 170 requests/min at the default, a third of Engage's 500/min; with a shorter
    /// interval `n` handovers use up to `3 × n / interval` per minute. [`build`](Self::build)
    /// refuses less than a minute.
    pub fn reconcile_after(mut self, after: Duration) -> Self {
        self.features.reconcile_after = Some(after);
        self.features.no_reconcile = false;
        self
    }

    /// Turns reconciliation off (see [`reconcile_after`](Self::reconcile_after)).
    pub fn no_reconcile(mut self) -> Self {
        self.features.no_reconcile = true;
        self
    }
}

impl EngageConfig {
    /// Whether agent availability is checked before each handover.
    pub(crate) fn checks_availability(&self) -> bool {
        self.availability_channel.is_some() || self.features.availability_on_source_channel
    }
}
