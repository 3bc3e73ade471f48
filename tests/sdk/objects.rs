//! The objects we hand to Engage: required fields enforced when built, wire shape.

use ringcentral_engage::sdk::objects::{
    Attachment, Format, Message, PrivateMessage, Status, Thread, Typing, User, MAX_BODY_CHARS,
};
use ringcentral_engage::Error;
use serde_json::json;
use time::macros::datetime;

fn user(id: &str) -> User {
    let t = datetime!(2012-10-01 17:18:40 UTC);
    User::new(id, "Alice", t, t).unwrap()
}

/// A message builder with the thread every test message needs unless it says otherwise.
fn threaded(id: &str, author: User) -> ringcentral_engage::sdk::objects::MessageBuilder {
    Message::builder(id, author).thread_id("t1")
}

#[test]
fn message_needs_id_author_and_content() {
    assert!(matches!(
        threaded("1", user("a")).build(),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(threaded("", user("a")).body("x").build().is_err());
    assert!(threaded("1", user("a")).body("   ").build().is_err());
    assert!(threaded("1", user("a"))
        .attachment(Attachment::from_url(" "))
        .build()
        .is_err());
    assert!(threaded("1", user("a"))
        .attachment(Attachment::from_url("https://x/y.png"))
        .build()
        .is_ok());
    assert!(threaded("1", user("a"))
        .body("x".repeat(MAX_BODY_CHARS))
        .build()
        .is_ok());
    assert!(threaded("1", user("a"))
        .body("x".repeat(MAX_BODY_CHARS + 1))
        .build()
        .is_err());
    assert!(threaded("1", user("a"))
        .body("x")
        .context("bad_key", "v")
        .build()
        .is_err());
    let mut broken_author = user("a");
    broken_author.screenname = String::new();
    assert!(threaded("1", broken_author).body("x").build().is_err());
}

#[test]
fn message_needs_a_thread_unless_unthreaded() {
    // objects.md: thread_id is required unless the source declares messages.unthreaded.
    let err = Message::builder("1", user("a"))
        .attachment(Attachment::from_url("https://x/y.png"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidArgument { .. }), "{err:?}");
    assert!(err.to_string().contains("thread_id"), "{err}");
    assert!(Message::builder("1", user("a")).body("x").build().is_err());
    assert!(Message::builder("1", user("a"))
        .body("x")
        .thread_id("  ")
        .build()
        .is_err());

    // The explicit opt-out, for sources declaring messages.unthreaded.
    let m = Message::builder("1", user("a"))
        .body("x")
        .unthreaded()
        .build()
        .unwrap();
    assert_eq!(m.thread_id, None);
    assert!(serde_json::to_value(&m).unwrap().get("thread_id").is_none());
    // Being unthreaded lifts only the thread requirement.
    assert!(Message::builder("1", user("a")).unthreaded().build().is_err());
    assert!(Message::builder("1", user("a"))
        .body("x")
        .thread_id(" ")
        .unthreaded()
        .build()
        .is_err());
    // A built unthreaded message still passes the checks run before sending.
    assert!(m.validate().is_ok());
}

#[test]
fn message_wire_shape() {
    let m = Message::builder("890", user("666"))
        .body("Awesome post !")
        .thread_id("42")
        .format(Format::Text)
        .actions(["reply", "show"])
        .context("country", "Germany")
        .created_at(datetime!(2019-11-07 0:00 UTC))
        .attachment(Attachment::from_url("https://x/s.mp4").with_kind("audio"))
        .build()
        .unwrap();
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(v["id"], "890");
    assert_eq!(v["author"]["id"], "666");
    assert_eq!(v["format"], "text");
    assert_eq!(v["actions"], json!(["reply", "show"]));
    assert_eq!(v["context_data"], json!({"country": "Germany"}));
    assert_eq!(v["created_at"], "2019-11-07T00:00:00Z");
    assert_eq!(
        v["attachments"][0],
        json!({"url": "https://x/s.mp4", "type": "audio"})
    );
    assert!(v.get("structured_content").is_none());
    let back: Message = serde_json::from_value(v).unwrap();
    assert_eq!(back, m);
}

#[test]
fn private_message_and_recipient() {
    let pm = PrivateMessage::builder("p1", user("a"))
        .recipient(user("b"))
        .body("hi")
        .in_reply_to_id("m0")
        .structured_content(json!({"type": "select", "items": [{"title": "Yes"}]}))
        .build()
        .unwrap();
    let v = serde_json::to_value(&pm).unwrap();
    assert_eq!(v["recipient"]["id"], "b");
    assert_eq!(v["structured_content"]["type"], "select");
    let mut bad_recipient = user("b");
    bad_recipient.id = String::new();
    assert!(PrivateMessage::builder("p1", user("a"))
        .recipient(bad_recipient)
        .body("x")
        .build()
        .is_err());
}

#[test]
fn thread_requires_author_and_body_unless_no_content() {
    assert!(Thread::builder("t1").title("T").build().is_err());
    assert!(Thread::builder("t1").author(user("a")).build().is_err());
    assert!(Thread::builder("t1").body("b").build().is_err());
    assert!(Thread::builder("t1").author(user("a")).body("b").build().is_ok());
    let bare = Thread::builder("t1").title("T").build_without_content().unwrap();
    assert_eq!(
        serde_json::to_value(&bare).unwrap(),
        json!({"id": "t1", "title": "T"})
    );
    assert!(Thread::builder(" ").build_without_content().is_err());
}

#[test]
fn status_and_typing() {
    assert_eq!(
        serde_json::to_value(Status::new("890").unwrap()).unwrap(),
        json!({"id": "890"})
    );
    assert!(Status::new(" ").is_err());
    assert!(Typing::default().validate(false).is_err());
    assert!(Typing::in_thread("42").validate(false).is_ok());
    assert!(Typing::in_thread("42").validate(true).is_err());
    assert!(Typing::in_reply_to("890")
        .with_preview("Hel")
        .validate(true)
        .is_ok());
    assert_eq!(
        Typing::in_thread("42").with_in_reply_to("890").target(),
        Some("42")
    );
    assert_eq!(
        Typing::in_thread(" ").with_in_reply_to("890").target(),
        Some("890")
    );
}

#[test]
fn user_context_and_gender_round_trip() {
    let mut u = user("7");
    u.context_data.insert("accepted-gdpr".into(), json!(true));
    u.puppetizable = true;
    let v = serde_json::to_value(&u).unwrap();
    assert_eq!(v["context_data"]["accepted-gdpr"], true);
    assert_eq!(v["puppetizable"], true);
    assert_eq!(serde_json::from_value::<User>(v).unwrap(), u);
}
