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
        let previous = self.slots[slot];
        self.slots[slot] = Some(job);
        Ok(previous)
    }

    pub fn finish(&mut self, slot: usize) -> Option<Job> {
        let job = self.slots[slot]?;
        self.slots[slot] = None;
        self.finished.push(job.name);
        Some(job)
    }

    pub fn rename(&mut self, slot: usize, new_name: &str) -> Option<String> {
        let job = self.slots[slot].as_mut()?;
        let old = job.name;
        job.name = new_name.to_string();
        Some(old)
    }

    pub fn busy(&self) -> Vec<u32> {
        let mut ids = Vec::new();
        for slot in self.slots {
            if let Some(job) = slot {
                ids.push(job.id);
            }
        }
        ids
    }

    pub fn drain_finished(&mut self) -> Vec<String> {
        let out = self.finished;
        self.finished = Vec::new();
        out
    }
}
