//! `/tasks`: routing tasks — list, read, move between queues, complete, transfer.

use http::Method;

use super::crud::resource_handler;
use crate::api::operations::operations;
use crate::api::params::setters;
use crate::client::{request_builder, List};
use crate::models::{CategoryId, ChannelId, Task, TaskId, TeamId, UserId};
use crate::Result;

operations![
    ("getAllTasks", "GET", "/tasks", "Tasks::list"),
    ("getTask", "GET", "/tasks/{taskId}", "Tasks::get"),
    ("moveTask", "POST", "/tasks/{taskId}/move", "Tasks::move_to"),
    (
        "completeTask",
        "POST",
        "/tasks/{taskId}/complete",
        "Tasks::complete"
    ),
    (
        "transferTask",
        "POST",
        "/tasks/{taskId}/transfer",
        "Tasks::transfer"
    ),
];

resource_handler! {
    /// The `/tasks` endpoints. Get one with [`Client::tasks`](crate::Client::tasks). The state
    /// changes are all `POST`, as the spec defines them, so they are never replayed after a 5xx.
    Tasks =>
    /// Routing tasks: list, get, move, complete, transfer.
    tasks, "tasks", Task, TaskId, one "task", many "tasks",
    [
        /// Lists tasks (`GET /tasks`; the `global` queue unless [`queue`](List::<Task>::queue)
        /// says otherwise).
        list,
        get,
    ]
}

impl Tasks {
    /// Moves a task to another queue (`POST /tasks/{id}/move?queue=..`).
    pub async fn move_to(&self, id: &TaskId, queue: impl Into<String>) -> Result<Task> {
        self.call(Method::POST, &[id.as_str(), "move"])
            .param("queue", queue.into())
            .send()
            .await
    }

    /// Completes a task (`POST /tasks/{id}/complete?queue=..`). The spec requires a `queue`
    /// here too, described with the same words as for a move.
    pub async fn complete(&self, id: &TaskId, queue: impl Into<String>) -> Result<Task> {
        self.call(Method::POST, &[id.as_str(), "complete"])
            .param("queue", queue.into())
            .send()
            .await
    }

    /// Transfers a task to other agents (`POST /tasks/{id}/transfer`).
    pub fn transfer(&self, id: &TaskId) -> TransferTask {
        TransferTask::from_call(self.call(Method::POST, &[id.as_str(), "transfer"]))
    }
}

setters!(List<Task> {
    /// Only tasks in this queue (e.g. `global`, `workbin`).
    queue: str = "queue";
    /// Only tasks of this channel.
    channel_id: id<ChannelId> = "channel_id";
    /// Only tasks in this routing step.
    step: str = "step";
});

request_builder! {
    /// `POST /tasks/{id}/transfer`, from [`Tasks::transfer`].
    TransferTask -> Task
}

setters!(TransferTask {
    /// The agents to transfer to (`agent_ids[]`).
    agent_ids: ids<UserId> = "agent_ids";
    /// Give the task to the first of `agent_ids` without offering it.
    bypass: bool = "bypass";
    /// Only agents in these categories.
    category_ids: ids<CategoryId> = "category_ids";
    /// Only agents speaking this language.
    language: str = "language";
    /// Only agents in these teams.
    team_ids: ids<TeamId> = "team_ids";
    /// A comment for the receiving agent.
    comment: str = "comment";
});
