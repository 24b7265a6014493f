//! A small HTTP/1.1 server on 127.0.0.1 answering each request with the
//! next fault of a script: a status, a truncated body, garbage, a slow
//! answer, a dropped or reset connection. A thread per connection; dropping
//! the server stops and joins every thread (slow answers are woken up,
//! connections shut down), so no test leaks a thread or a socket.

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Fault {
    /// A whole response.
    Respond {
        status: u16,
        headers: Vec<(&'static str, &'static str)>,
        body: &'static str,
    },
    /// `Content-Length: 100`, ten bytes of body, then the connection closes.
    Truncated,
    /// `Content-Length` smaller than the body that follows.
    TooLong,
    /// Bytes that are not HTTP, then the connection closes.
    Garbage,
    /// Waits this long (or until the server stops), then answers `200 {}`.
    Slow(Duration),
    /// Reads the request and closes the connection without a word.
    Drop,
    /// Sends the head and part of the body, then resets the connection
    /// (`SO_LINGER` 0: a TCP RST instead of a FIN).
    ResetMidBody,
}

impl Fault {
    /// A response with `status`, `headers` and a JSON `body`.
    pub fn respond(
        status: u16,
        headers: &[(&'static str, &'static str)],
        body: &'static str,
    ) -> Self {
        Fault::Respond {
            status,
            headers: headers.to_vec(),
            body,
        }
    }
}

/// A request the server read: `METHOD /path` and its headers (names in
/// lower case).
#[derive(Debug, Clone)]
pub struct Seen {
    pub line: String,
    pub headers: HashMap<String, String>,
}

struct Shared {
    script: Mutex<VecDeque<Fault>>,
    /// Answers once the script is spent.
    then: Fault,
    seen: Mutex<Vec<Seen>>,
    stopping: AtomicBool,
    /// Wakes slow answers when the server stops.
    stop_signal: (Mutex<()>, Condvar),
    /// A clone of every open connection, to shut it down on stop.
    open: Mutex<HashMap<usize, TcpStream>>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    next_id: AtomicUsize,
}

/// The server; stops when dropped.
pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    acceptor: Option<JoinHandle<()>>,
}

impl FaultServer {
    /// Answers with `script` in order, then with `then` forever.
    pub fn start(script: impl IntoIterator<Item = Fault>, then: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            script: Mutex::new(script.into_iter().collect()),
            then,
            seen: Mutex::default(),
            stopping: AtomicBool::new(false),
            stop_signal: (Mutex::new(()), Condvar::new()),
            open: Mutex::default(),
            threads: Mutex::default(),
            next_id: AtomicUsize::new(0),
        });
        let acceptor = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || accept(listener, shared))
        };
        Self {
            addr,
            shared,
            acceptor: Some(acceptor),
        }
    }

    /// `http://127.0.0.1:PORT`, for `ClientConfig::endpoint`.
    pub fn endpoint(&self) -> http::Uri {
        format!("http://{}", self.addr)
            .parse()
            .expect("an address is a URI")
    }

    /// The requests read so far.
    pub fn seen(&self) -> Vec<Seen> {
        self.shared.seen.lock().unwrap().clone()
    }

    /// How many requests were read so far.
    pub fn count(&self) -> usize {
        self.shared.seen.lock().unwrap().len()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        {
            let _guard = self.shared.stop_signal.0.lock().unwrap();
            self.shared.stop_signal.1.notify_all();
        }
        // Wake the acceptor with a connection of our own.
        let _ = TcpStream::connect(self.addr);
        if let Some(acceptor) = self.acceptor.take() {
            let _ = acceptor.join();
        }
        for stream in self.shared.open.lock().unwrap().values() {
            let _ = stream.shutdown(std::net::Shutdown::Both);
        }
        let threads = std::mem::take(&mut *self.shared.threads.lock().unwrap());
        for thread in threads {
            let _ = thread.join();
        }
    }
}

fn accept(listener: TcpListener, shared: Arc<Shared>) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let id = shared.next_id.fetch_add(1, Ordering::SeqCst);
        if let Ok(clone) = stream.try_clone() {
            shared.open.lock().unwrap().insert(id, clone);
        }
        let worker = {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                serve(stream, id, &shared);
                shared.open.lock().unwrap().remove(&id);
            })
        };
        shared.threads.lock().unwrap().push(worker);
    }
}

/// Serves requests on one connection until a fault closes it, the client
/// does, or the server stops.
fn serve(stream: TcpStream, id: usize, shared: &Shared) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut stream = stream;
    while let Some(seen) = read_request(&mut reader) {
        shared.seen.lock().unwrap().push(seen);
        let fault = shared
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| shared.then.clone());
        let keep_open = answer(&mut stream, fault, id, shared);
        if !keep_open || shared.stopping.load(Ordering::SeqCst) {
            return;
        }
    }
}

fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Seen> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header).ok()? == 0 {
            return None;
        }
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
    }
    let length: usize = headers
        .get("content-length")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Seen {
        line: format!("{method} {target}"),
        headers,
    })
}

fn head(status: u16, headers: &[(&str, &str)], length: usize) -> String {
    let mut head = format!("HTTP/1.1 {status} Fault\r\ncontent-length: {length}\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    head
}

/// Acts out `fault`; whether the connection stays open.
fn answer(stream: &mut TcpStream, fault: Fault, id: usize, shared: &Shared) -> bool {
    let json = [("content-type", "application/json")];
    match fault {
        Fault::Respond {
            status,
            headers,
            body,
        } => {
            let head = head(status, &headers, body.len());
            stream.write_all(format!("{head}{body}").as_bytes()).is_ok()
        }
        Fault::Truncated => {
            let _ = stream.write_all(format!("{}{{\"job\":{{", head(200, &json, 100)).as_bytes());
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Fault::TooLong => {
            let body = r#"{"job":{"jobId":"too-long"}}"#;
            let _ = stream.write_all(format!("{}{body}", head(200, &json, 5)).as_bytes());
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Fault::Garbage => {
            let _ = stream.write_all(b"\x00\x13\x37 this is not HTTP at all\r\n\r\n\xff\xfe");
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Fault::Slow(delay) => {
            let guard = shared.stop_signal.0.lock().unwrap();
            let _ = shared
                .stop_signal
                .1
                .wait_timeout_while(guard, delay, |_| !shared.stopping.load(Ordering::SeqCst))
                .unwrap();
            let body = "{}";
            stream
                .write_all(format!("{}{body}", head(200, &json, body.len())).as_bytes())
                .is_ok()
        }
        Fault::Drop => {
            let _ = stream.shutdown(std::net::Shutdown::Both);
            false
        }
        Fault::ResetMidBody => {
            let _ = stream.write_all(format!("{}{{\"job\":{{", head(200, &json, 100)).as_bytes());
            let _ = stream.flush();
            // Let the client read the head, so the reset comes mid-body.
            std::thread::sleep(Duration::from_millis(20));
            let _ = socket2::SockRef::from(&*stream).set_linger(Some(Duration::ZERO));
            // The last descriptor of the socket must close for the RST.
            shared.open.lock().unwrap().remove(&id);
            false
        }
    }
}
