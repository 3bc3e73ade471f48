//! The optional handover features' settings on [`EngageConfigBuilder`]: availability on the
//! source's channel, queue thresholds, business hours, user inactivity. Each setter is optional; defaults leave
//! the feature off.

use std::sync::Arc;

use super::business_hours::{DateOrder, ScheduleCache};
use super::config::{EngageConfig, EngageConfigBuilder};
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
        Ok(self)
    }
}

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
}

impl EngageConfig {
    /// Whether agent availability is checked before each handover.
    pub(crate) fn checks_availability(&self) -> bool {
        self.availability_channel.is_some() || self.features.availability_on_source_channel
    }
}
