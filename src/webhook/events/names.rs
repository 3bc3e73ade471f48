//! The one list of webhook event names, grouped by resource with the metadata type of each
//! group. Both views are generated from it, so they cannot drift apart: the typed
//! [`Event`](super::Event) variants (and [`KNOWN_EVENT_TYPES`](super::KNOWN_EVENT_TYPES)), and
//! the subscription enum [`WebhookEventName`](crate::models::WebhookEventName).
//!
//! It holds every name of the webhook docs plus `push_agent.missed_task`, which only the
//! spec's subscription list mentions.

/// Calls `$callback!` with the list: `group: MetadataType { Variant = "name", ... } ...`.
macro_rules! with_event_names {
    ($callback:ident) => {
        $callback! {
        /// The data of an `intervention.*` event, or `None` for an event of another group.
        intervention: InterventionMetadata {
            /// An agent was put in charge of an intervention.
            InterventionAssigned = "intervention.assigned",
            /// An agent cancelled an intervention.
            InterventionCanceled = "intervention.canceled",
            /// An agent closed an intervention.
            InterventionClosed = "intervention.closed",
            /// An intervention was put aside until later.
            InterventionDeferred = "intervention.deferred",
            /// An intervention started (an agent engaged the customer).
            InterventionOpened = "intervention.opened",
            /// A closed intervention was opened again (new customer message, agent, API).
            InterventionReopened = "intervention.reopened",
            /// An intervention's custom fields changed.
            InterventionCustomFieldsUpdated = "intervention.custom_fields_updated",
            /// An intervention moved to another agent.
            InterventionUserUpdated = "intervention.user_updated",
            /// A deferred intervention's delay ran out.
            InterventionReactivated = "intervention.reactivated",
            /// An intervention's categories changed.
            InterventionRecategorized = "intervention.recategorized",
        }
        /// The data of an `intervention_segment.*` event, or `None` for an event of another group.
        intervention_segment: InterventionSegmentMetadata {
            /// A summary of a conversation segment was generated.
            InterventionSegmentSummaryGenerated = "intervention_segment.summary_generated",
            /// An agent submitted a segment summary.
            InterventionSegmentSummarySubmitted = "intervention_segment.summary_submitted",
            /// Generating a segment summary failed.
            InterventionSegmentSummaryGenerationFailed = "intervention_segment.summary_generation_failed",
        }
        /// The data of a `task.*` event.
        task: TaskMetadata {
            /// A task was offered to one or more agents.
            TaskAssigned = "task.assigned",
            /// An agent completed a task (see `action`: deferred or closed).
            TaskCompleted = "task.completed",
            /// A task was created.
            TaskCreated = "task.created",
            /// A task was removed (its content ignored, its intervention deferred or closed from
            /// the folders view).
            TaskDestroyed = "task.destroyed",
            /// No agent of a routing step took the task in time; it moves to the next step.
            TaskExpiredFromStep = "task.expired_from_step",
            /// A task left in an agent's workbin was taken back for routing to others.
            TaskExpiredFromWorkbin = "task.expired_from_workbin",
            /// A task got new categories from its content.
            TaskRecategorized = "task.recategorized",
            /// An agent picked a task up again from history or deferred tasks.
            TaskResume = "task.resume",
            /// A supervisor gave a task straight to an agent, bypassing the queue.
            TaskSupervisorAssigned = "task.supervisor_assigned",
            /// An agent accepted a task (ringing or requested, see `take_mode`).
            TaskTaken = "task.taken",
            /// A task was transferred to another agent.
            TaskTransferred = "task.transferred",
            /// A task went to the undelivered queue.
            TaskUndelivered = "task.undelivered",
        }
        /// The data of a `push_agent.*` event.
        push_agent: PushAgentMetadata {
            /// An agent accepted a ringing task.
            PushAgentAcceptTask = "push_agent.accept_task",
            /// An agent's status changed.
            PushAgentAvailabilityChange = "push_agent.availability_change",
            /// An agent's busyness changed with the number of tasks in their workbin.
            PushAgentBusynessChange = "push_agent.busyness_change",
            /// An agent opened the push view.
            PushAgentConnected = "push_agent.connected",
            /// An agent left the push view.
            PushAgentDisconnected = "push_agent.disconnected",
            /// An agent came back after a network problem.
            PushAgentReconnected = "push_agent.reconnected",
            /// A busy agent below the hard capacity asked for one more task.
            PushAgentRequestTask = "push_agent.request_task",
            /// An agent let a ringing task go unanswered (listed by the spec's webhook
            /// subscriptions).
            PushAgentMissedTask = "push_agent.missed_task",
        }
        /// The data of a `content.*` event.
        content: ContentMetadata {
            /// A content was approved for publication (not yet exported).
            ContentApproved = "content.approved",
            /// An agent started a new discussion (not yet exported).
            ContentDiscussionInitiated = "content.discussion_initiated",
            /// A new content was sent to its source; check `synchronization_status`.
            ContentExported = "content.exported",
            /// A content arrived from its source (customer messages, but not only those).
            ContentImported = "content.imported",
            /// A reply to a content was written (not yet exported).
            ContentReplied = "content.replied",
            /// An Engage Messaging thread was locked automatically.
            ContentThreadAutoClosed = "content.thread_auto_closed",
            /// A thread was locked.
            ContentThreadClosed = "content.thread_closed",
            /// A thread was unlocked.
            ContentThreadOpened = "content.thread_opened",
            /// An edit of an existing content was sent to its source.
            ContentUpdateExported = "content.update_exported",
        }
        /// The data of an `identity.*` event, or `None` for an event of another group.
        identity: IdentityMetadata {
            /// An identity was merged with others.
            IdentityMerged = "identity.merged",
            /// An identity was split from others.
            IdentityUnmerged = "identity.unmerged",
        }
        /// The data of a `survey_response.*` event.
        survey_response: SurveyResponseMetadata {
            /// A survey response was imported.
            SurveyResponseImported = "survey_response.imported",
        }

        }
    };
}
pub(crate) use with_event_names;
