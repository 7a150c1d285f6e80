//! How many connections the preview serves at once. Each connection has a
//! thread, so their number is capped: page requests and live-reload streams
//! each have their own cap, so that open tabs never take the places of
//! page requests. When the requests' places are all taken, a new connection
//! takes the place of the oldest one still sending its request (a client
//! that connects and never finishes cannot keep pages from others), or,
//! failing that, of the oldest one whose answer is not being read (see
//! [`victim`]).

use std::net::{Shutdown, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Connections with a page request under way. A browser opens at most six
/// to one server; this leaves room for several browsers and scripts.
pub(crate) const REQUESTS: usize = 64;
/// Live-reload streams: one per open tab.
pub(crate) const STREAMS: usize = 32;
/// Threads alive at once, counting those of connections that lost their
/// place and are ending: beyond this a connection is answered 503 at once.
pub(crate) const THREADS: usize = 2 * (REQUESTS + STREAMS);
/// Long enough for a request sent at once to be read, even on a busy machine.
const GRACE: Duration = Duration::from_millis(100);

#[derive(Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Reading the request head.
    Reading,
    /// Writing the answer.
    Answering,
    /// A live-reload stream.
    Streaming,
}

struct Entry {
    id: u64,
    phase: Phase,
    opened: Instant,
    /// A handle on the socket, to end the connection from another thread.
    stream: TcpStream,
    ended: Arc<AtomicBool>,
}

#[derive(Default)]
struct Table {
    next: u64,
    entries: Vec<Entry>,
    threads: usize,
}

/// The connections being served.
#[derive(Default)]
pub(crate) struct Slots {
    table: Mutex<Table>,
}

/// A connection's place; dropping it frees the place.
pub(crate) struct Slot {
    slots: Arc<Slots>,
    id: u64,
    ended: Arc<AtomicBool>,
}

impl Slots {
    fn lock(&self) -> MutexGuard<'_, Table> {
        self.table.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A place for a new connection, taking that of an older one when all
    /// are taken; None when too many threads are still alive.
    pub(crate) fn admit(self: &Arc<Self>, stream: &TcpStream) -> Option<Slot> {
        let handle = stream.try_clone().ok()?;
        let mut table = self.lock();
        if table.threads >= THREADS {
            return None;
        }
        let requests = table.entries.iter().filter(|e| e.phase != Phase::Streaming).count();
        if requests >= REQUESTS {
            if let Some(at) = victim(&table.entries, Instant::now()) {
                end(table.entries.swap_remove(at));
            }
        }
        table.next += 1;
        table.threads += 1;
        let id = table.next;
        let ended = Arc::new(AtomicBool::new(false));
        table.entries.push(Entry {
            id,
            phase: Phase::Reading,
            opened: Instant::now(),
            stream: handle,
            ended: Arc::clone(&ended),
        });
        Some(Slot {
            slots: Arc::clone(self),
            id,
            ended,
        })
    }

    /// Connections holding a place now: (requests, streams).
    #[cfg(test)]
    fn counts(&self) -> (usize, usize) {
        let table = self.lock();
        let streams = table.entries.iter().filter(|e| e.phase == Phase::Streaming).count();
        (table.entries.len() - streams, streams)
    }
}

/// The connection to give way when every request's place is taken: the
/// oldest one still sending its request, then the oldest one whose answer
/// is not being taken, then (in a burst of new connections) the oldest of
/// all. Connections younger than [`GRACE`] come last: their request may
/// simply not have been read yet, and a burst of them would otherwise end
/// one another.
fn victim(entries: &[Entry], now: Instant) -> Option<usize> {
    pick(entries.iter().map(|e| (e.phase, e.opened)), now)
}

/// [`victim`] among (phase, since when) pairs.
fn pick(entries: impl Iterator<Item = (Phase, Instant)> + Clone, now: Instant) -> Option<usize> {
    let oldest = |keep: &dyn Fn(Phase, Instant) -> bool| {
        entries
            .clone()
            .enumerate()
            .filter(|&(_, (phase, opened))| phase != Phase::Streaming && keep(phase, opened))
            .min_by_key(|&(_, (_, opened))| opened)
            .map(|(at, _)| at)
    };
    let settled = |opened: Instant| now.saturating_duration_since(opened) >= GRACE;
    oldest(&|phase, opened| phase == Phase::Reading && settled(opened))
        .or_else(|| oldest(&|phase, opened| phase == Phase::Answering && settled(opened)))
        .or_else(|| oldest(&|_, _| true))
}

/// Ends a connection that lost its place: its thread's blocked read or
/// write returns at once.
fn end(entry: Entry) {
    entry.ended.store(true, Ordering::SeqCst);
    let _ = entry.stream.shutdown(Shutdown::Both);
}

impl Slot {
    fn set_phase(&self, phase: Phase) {
        let mut table = self.slots.lock();
        if phase == Phase::Streaming {
            let streams: Vec<(usize, Instant)> = table
                .entries
                .iter()
                .enumerate()
                .filter(|(_, e)| e.phase == Phase::Streaming)
                .map(|(at, e)| (at, e.opened))
                .collect();
            // The oldest stream is most likely a tab closed without a word.
            if streams.len() >= STREAMS {
                if let Some(&(at, _)) = streams.iter().min_by_key(|(_, opened)| *opened) {
                    end(table.entries.swap_remove(at));
                }
            }
        }
        if let Some(entry) = table.entries.iter_mut().find(|e| e.id == self.id) {
            entry.phase = phase;
            entry.opened = Instant::now();
        }
    }

    /// The request has been read; the answer is being written.
    pub(crate) fn answering(&self) {
        self.set_phase(Phase::Answering);
    }

    /// The connection becomes a live-reload stream, with a place of its own.
    pub(crate) fn streaming(&self) {
        self.set_phase(Phase::Streaming);
    }

    /// Whether the connection lost its place to a newer one.
    pub(crate) fn ended(&self) -> bool {
        self.ended.load(Ordering::SeqCst)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut table = self.slots.lock();
        table.entries.retain(|e| e.id != self.id);
        table.threads = table.threads.saturating_sub(1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;
    use std::net::TcpListener;

    /// A connected pair: (the client's end, the server's end).
    fn pair(listener: &TcpListener) -> (TcpStream, TcpStream) {
        let client = TcpStream::connect(listener.local_addr().expect("address")).expect("connect");
        let (server, _) = listener.accept().expect("accept");
        (client, server)
    }

    #[test]
    fn the_oldest_unfinished_request_gives_way() {
        let start = Instant::now();
        let at = |ms| start + Duration::from_millis(ms);
        let now = at(1000);
        use Phase::*;
        // (phase, since when): the oldest still reading goes first…
        let entries = [
            (Answering, at(0)),
            (Reading, at(100)),
            (Reading, at(50)),
            (Streaming, at(0)),
        ];
        assert_eq!(pick(entries.into_iter(), now), Some(2));
        // …then the oldest whose answer is not taken…
        let entries = [(Answering, at(300)), (Reading, at(950)), (Answering, at(200))];
        assert_eq!(pick(entries.into_iter(), now), Some(2));
        // …and in a burst of new connections, the oldest of them.
        let entries = [(Reading, at(990)), (Answering, at(995)), (Reading, at(980))];
        assert_eq!(pick(entries.into_iter(), now), Some(2));
        // Never a live-reload stream.
        assert_eq!(pick([(Streaming, at(0))].into_iter(), now), None);
    }

    #[test]
    fn a_connection_that_gives_way_is_closed() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let slots = Arc::new(Slots::default());
        let mut held = Vec::new();
        for _ in 0..REQUESTS {
            let (client, server) = pair(&listener);
            let slot = slots.admit(&server).expect("a place");
            held.push((client, server, slot));
        }
        assert_eq!(slots.counts(), (REQUESTS, 0));
        let (_client, server) = pair(&listener);
        let _newest = slots.admit(&server).expect("a place");
        assert_eq!(slots.counts(), (REQUESTS, 0));
        assert!(held[0].2.ended(), "the oldest gives way");
        assert!(held[1..].iter().all(|(_, _, slot)| !slot.ended()));
        let mut rest = Vec::new();
        let n = held[0].0.read_to_end(&mut rest).expect("read");
        assert_eq!(n, 0, "its client sees the connection closed");
    }

    #[test]
    fn streams_have_places_of_their_own() {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let slots = Arc::new(Slots::default());
        let mut held = Vec::new();
        for _ in 0..STREAMS + 1 {
            let (client, server) = pair(&listener);
            let slot = slots.admit(&server).expect("a place");
            slot.streaming();
            held.push((client, server, slot));
        }
        assert_eq!(slots.counts(), (0, STREAMS));
        assert!(held[0].2.ended(), "the oldest stream gives way to the newest");
        for _ in 0..REQUESTS {
            let (client, server) = pair(&listener);
            let slot = slots.admit(&server).expect("a place");
            held.push((client, server, slot));
        }
        assert_eq!(slots.counts(), (REQUESTS, STREAMS), "requests never end streams");
        assert!(held[1..STREAMS + 1].iter().all(|(_, _, s)| !s.ended()));
        drop(held);
        assert_eq!(slots.counts(), (0, 0));
        assert_eq!(slots.lock().threads, 0);
    }
}
