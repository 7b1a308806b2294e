//! Jobs in numbered slots. Values leave `self.slots` through `take`/`replace`,
//! never by moving out of a borrowed place.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub id: u32,
    pub name: String,
}

pub struct Scheduler {
    slots: Vec<Option<Job>>,
    finished: Vec<String>,
}

impl Scheduler {
    pub fn new(n: usize) -> Scheduler {
        Scheduler { slots: vec![None; n], finished: Vec::new() }
    }

    pub fn assign(&mut self, slot: usize, job: Job) -> Result<Option<Job>, Job> {
        match self.slots.get_mut(slot) {
            Some(place) => Ok(std::mem::replace(place, Some(job))),
            None => Err(job),
        }
    }

    pub fn finish(&mut self, slot: usize) -> Option<Job> {
        let job = self.slots.get_mut(slot)?.take()?;
        self.finished.push(job.name.clone());
        Some(job)
    }

    pub fn rename(&mut self, slot: usize, new_name: &str) -> Option<String> {
        let job = self.slots.get_mut(slot)?.as_mut()?;
        Some(std::mem::replace(&mut job.name, new_name.to_string()))
    }

    pub fn busy(&self) -> Vec<u32> {
        self.slots.iter().flatten().map(|job| job.id).collect()
    }

    pub fn drain_finished(&mut self) -> Vec<String> {
        std::mem::take(&mut self.finished)
    }
}
