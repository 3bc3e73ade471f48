//! `/bots`: the Bots API — engage a bot on a content, complete its work, hand a conversation
//! over between a bot and agents.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::request_builder;
use crate::models::{
    BotResponse, CategoryId, ContentId, HandoverParty, HandoverType, Intervention, InterventionId,
};
use crate::Result;

operations![
    ("botEngage", "POST", "/bots/engage", "Bots::engage"),
    ("botComplete", "POST", "/bots/complete", "Bots::complete"),
    (
        "handoverFromBotToAgent",
        "POST",
        "/bots/handover",
        "Bots::handover"
    ),
];

resource_handler! {
    /// The `/bots` endpoints. Get one with [`Client::bots`](crate::Client::bots).
    Bots =>
    /// The Bots API: engage, complete, handover.
    bots, "bots", BotResponse, (), one "bot action", many "bot actions", []
}

impl Bots {
    /// Makes the token's bot user take a content (`POST /bots/engage?content_id=..`); returns
    /// the bot's intervention.
    pub async fn engage(&self, content_id: &ContentId) -> Result<Intervention> {
        self.call(Method::POST, &["engage"])
            .param("content_id", content_id)
            .send()
            .await
    }

    /// Ends the bot's intervention (`POST /bots/complete?intervention_id=..`), optionally
    /// closing the thread or adding categories.
    pub fn complete(&self, intervention_id: &InterventionId) -> CompleteBot {
        CompleteBot::from_call(self.call(Method::POST, &["complete"]))
            .param("intervention_id", intervention_id)
    }

    /// Hands a conversation over (`POST /bots/handover`): `from` and `to` are the bot and the
    /// agent side; `kind` is the channel type (`messenger`) for a source-specific handover, or
    /// [`HandoverType::EngageVirtualAgent`].
    ///
    /// A source-specific handover needs [`identity_foreign_id`](HandoverBot::identity_foreign_id)
    /// (and, from agent to bot, [`app_id`](HandoverBot::app_id)); a virtual agent handover
    /// needs [`intervention_id`](HandoverBot::intervention_id). The spec marks
    /// `identity_foreign_id` as always required, but its own description limits it to
    /// source-specific handovers, so the crate sends it only when given.
    pub fn handover(&self, from: HandoverParty, to: HandoverParty, kind: HandoverType) -> HandoverBot {
        HandoverBot::from_call(self.call(Method::POST, &["handover"]))
            .param("from", from)
            .param("to", to)
            .param("type", kind)
    }
}

request_builder! {
    /// `POST /bots/complete`, from [`Bots::complete`].
    CompleteBot -> BotResponse
}

setters!(CompleteBot {
    /// Also close the thread.
    close_thread: bool = "close_thread";
    /// Categories to add to the thread (`thread_category_ids[]`).
    thread_category_ids: ids<CategoryId> = "thread_category_ids";
});

request_builder! {
    /// `POST /bots/handover`, from [`Bots::handover`].
    HandoverBot -> BotResponse
}

setters!(HandoverBot {
    /// Source-specific handover: the customer identity's foreign id.
    identity_foreign_id: str = "identity_foreign_id";
    /// Source-specific handover to the bot: the Facebook app id of the bot.
    app_id: str = "app_id";
    /// Virtual agent handover: the intervention handed over.
    intervention_id: id<InterventionId> = "intervention_id";
    /// Categories to set on the thread (`thread_category_ids[]`).
    thread_category_ids: ids<CategoryId> = "thread_category_ids";
    /// Virtual agent handover: the trigger text configured in its handover rules.
    trigger: str = "trigger";
});
