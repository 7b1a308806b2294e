use crate::solution::*;

fn job(id: u32, name: &str) -> Job {
    Job { id, name: name.to_string() }
}

#[test]
fn assign_returns_previous_occupant() {
    let mut s = Scheduler::new(2);
    assert_eq!(s.assign(1, job(7, "build")), Ok(None));
    assert_eq!(s.assign(1, job(8, "test")), Ok(Some(job(7, "build"))));
    assert_eq!(s.busy(), vec![8]);
}

#[test]
fn missing_slot_gives_job_back() {
    let mut s = Scheduler::new(2);
    assert_eq!(s.assign(2, job(1, "x")), Err(job(1, "x")));
    assert_eq!(s.finish(2), None);
    assert_eq!(s.rename(5, "y"), None);
    assert!(s.busy().is_empty());
}

#[test]
fn finish_empties_slot_and_records_name() {
    let mut s = Scheduler::new(3);
    s.assign(0, job(1, "a")).unwrap();
    s.assign(2, job(3, "c")).unwrap();
    assert_eq!(s.finish(2), Some(job(3, "c")));
    assert_eq!(s.finish(2), None);
    assert_eq!(s.finish(1), None);
    assert_eq!(s.busy(), vec![1]);
    assert_eq!(s.drain_finished(), vec!["c".to_string()]);
    assert!(s.drain_finished().is_empty());
}

#[test]
fn rename_returns_old_name() {
    let mut s = Scheduler::new(1);
    assert_eq!(s.rename(0, "z"), None);
    s.assign(0, job(4, "old")).unwrap();
    assert_eq!(s.rename(0, "new"), Some("old".to_string()));
    assert_eq!(s.finish(0), Some(job(4, "new")));
    assert_eq!(s.drain_finished(), vec!["new".to_string()]);
}

#[test]
fn busy_can_be_called_repeatedly() {
    let mut s = Scheduler::new(4);
    s.assign(3, job(9, "n")).unwrap();
    s.assign(1, job(5, "m")).unwrap();
    assert_eq!(s.busy(), vec![5, 9]);
    assert_eq!(s.busy(), vec![5, 9]);
}
