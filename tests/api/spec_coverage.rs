//! Checks the crate's operation table (`ringcentral_engage::api::operations::all()`) against the
//! vendored OpenAPI spec of Engage Digital (`tests/fixtures/openapi3.yaml`, MIT, RingCentral).

use std::collections::{BTreeMap, BTreeSet};

use ringcentral_engage::api::operations;
use serde_yaml_ng::Value;

/// The number of operations the vendored spec declares.
const SPEC_OPERATIONS: usize = 149;

const HTTP_METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "patch", "head", "options", "trace",
];

/// One spec operation: HTTP method (upper case) and path template.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpecOperation {
    method: String,
    path: String,
}

/// Every `operationId` of the vendored spec with its method and path.
fn spec_operations() -> BTreeMap<String, SpecOperation> {
    let text = include_str!("../fixtures/openapi3.yaml");
    let spec: Value = serde_yaml_ng::from_str(text).expect("the vendored spec is valid YAML");
    let paths = spec
        .get("paths")
        .and_then(Value::as_mapping)
        .expect("the spec has a `paths` map");
    let mut found = BTreeMap::new();
    for (path, item) in paths {
        let path = path.as_str().expect("path keys are strings");
        let item = item.as_mapping().expect("path items are maps");
        for (method, operation) in item {
            let Some(method) = method.as_str().filter(|m| HTTP_METHODS.contains(m)) else {
                continue;
            };
            let id = operation
                .get("operationId")
                .and_then(Value::as_str)
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            let previous = found.insert(
                id.to_owned(),
                SpecOperation {
                    method: method.to_ascii_uppercase(),
                    path: path.to_owned(),
                },
            );
            assert!(previous.is_none(), "the spec repeats operationId {id}");
        }
    }
    found
}

#[test]
fn the_vendored_spec_has_149_operations() {
    assert_eq!(spec_operations().len(), SPEC_OPERATIONS);
}

#[test]
fn every_mapping_matches_the_spec() {
    let spec = spec_operations();
    let mut seen = BTreeSet::new();
    let mut problems = Vec::new();
    for op in operations::all() {
        if !seen.insert(op.operation_id) {
            problems.push(format!("{} is mapped twice", op.operation_id));
        }
        match spec.get(op.operation_id) {
            None => problems.push(format!(
                "{} ({}) is not an operationId of the spec",
                op.operation_id, op.rust
            )),
            Some(s) if s.method != op.method || s.path != op.path => problems.push(format!(
                "{} ({}): crate says {} {}, spec says {} {}",
                op.operation_id, op.rust, op.method, op.path, s.method, s.path
            )),
            Some(_) => {}
        }
        if op.rust.is_empty() {
            problems.push(format!("{} names no crate method", op.operation_id));
        }
    }
    assert!(
        problems.is_empty(),
        "{} mapping problem(s):\n  {}",
        problems.len(),
        problems.join("\n  ")
    );
}

#[test]
fn all_149_operations_are_covered() {
    let spec = spec_operations();
    let mapped: BTreeSet<&str> = operations::all().map(|op| op.operation_id).collect();
    let missing: Vec<String> = spec
        .iter()
        .filter(|(id, _)| !mapped.contains(id.as_str()))
        .map(|(id, s)| format!("{id} ({} {})", s.method, s.path))
        .collect();
    let covered = spec.len() - missing.len();
    println!("spec coverage: {covered}/{SPEC_OPERATIONS}");
    assert!(
        missing.is_empty(),
        "spec coverage {covered}/{SPEC_OPERATIONS}; {} operation(s) have no crate method:\n  {}",
        missing.len(),
        missing.join("\n  ")
    );
}
