//! A loopback HTTP/1.1 server for the URL tests: it listens on 127.0.0.1 on a free port, answers
//! each request from a route table of our own pages (plain, gzip, chunked, trickling, endless),
//! counts the requests per path, and stops on demand so the cache can be tried offline. It also
//! serves as an HTTP proxy (CONNECT), so proxy settings are tried without leaving the machine.
//! Each test crate uses part of it.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// Proxy settings of the environment the tests run in: a fetch from this server must not go
/// through a proxy (the server itself stands in for one where a test wants it).
pub const PROXY_VARS: [&str; 6] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "HTTP_PROXY",
    "http_proxy",
];

/// How the server answers one path.
#[derive(Clone)]
pub enum Reply {
    /// Status, headers, body, sent with a Content-Length.
    Fixed(u16, Vec<(String, String)>, Vec<u8>),
    /// 200 with headers, then the body one byte every `interval`, never finishing.
    Trickle(Vec<(String, String)>, Duration),
    /// 200 text/html in chunked encoding, chunks of prose with no end.
    EndlessChunks,
    /// 200 text/html with no length, then bytes until the client goes away.
    EndlessClose,
}

impl Reply {
    pub fn html(body: &str) -> Reply {
        Reply::page("text/html; charset=utf-8", body.as_bytes())
    }

    pub fn page(content_type: &str, body: &[u8]) -> Reply {
        Reply::Fixed(
            200,
            vec![("Content-Type".into(), content_type.into())],
            body.to_vec(),
        )
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::Fixed(302, vec![("Location".into(), to.into())], Vec::new())
    }

    pub fn status(code: u16) -> Reply {
        Reply::Fixed(
            code,
            vec![("Content-Type".into(), "text/html".into())],
            b"<p>no</p>".to_vec(),
        )
    }
}

pub struct Server {
    addr: SocketAddr,
    routes: Arc<Mutex<HashMap<String, Reply>>>,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    agents: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    pub fn start(routes: Vec<(&str, Reply)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().expect("bound");
        let routes: HashMap<String, Reply> = routes
            .into_iter()
            .map(|(p, r)| (p.to_string(), r))
            .collect();
        let routes = Arc::new(Mutex::new(routes));
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let agents = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let accept = {
            let (routes, hits, agents, stop) =
                (routes.clone(), hits.clone(), agents.clone(), stop.clone());
            thread::spawn(move || {
                for stream in listener.incoming() {
                    if stop.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (routes, hits, agents) = (routes.clone(), hits.clone(), agents.clone());
                    thread::spawn(move || serve(stream, &routes, &hits, &agents));
                }
            })
        };
        Server {
            addr,
            routes,
            hits,
            agents,
            stop,
            accept: Some(accept),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub fn hits(&self, path: &str) -> usize {
        self.hits.lock().unwrap().get(path).copied().unwrap_or(0)
    }

    /// The User-Agent of every request so far.
    pub fn agents(&self) -> Vec<String> {
        self.agents.lock().unwrap().clone()
    }

    /// Serve something else at `path` from now on.
    pub fn set(&self, path: &str, reply: Reply) {
        self.routes.lock().unwrap().insert(path.to_string(), reply);
    }

    /// Close the listening socket: later connections are refused.
    pub fn stop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(accept) = self.accept.take() {
            let _ = accept.join();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(
    mut stream: TcpStream,
    routes: &Mutex<HashMap<String, Reply>>,
    hits: &Mutex<HashMap<String, usize>>,
    agents: &Mutex<Vec<String>>,
) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    // A TLS handshake (record type 0x16) spoken to this plain HTTP server gets the plain
    // "400 Bad Request" web servers answer with.
    if reader.fill_buf().is_ok_and(|b| b.first() == Some(&0x16)) {
        let _ = stream.write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
        return;
    }
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // A proxy's tunnel: counted under its target, then the request inside it is served as any.
    if let Some(target) = request_line.strip_prefix("CONNECT ") {
        let target = target.split_whitespace().next().unwrap_or("").to_string();
        skip_headers(&mut reader, agents);
        *hits.lock().unwrap().entry(target).or_default() += 1;
        if stream
            .write_all(b"HTTP/1.1 200 Connection established\r\n\r\n")
            .is_err()
        {
            return;
        }
        request_line.clear();
        if reader.read_line(&mut request_line).is_err() {
            return;
        }
    }
    skip_headers(&mut reader, agents);
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    *hits.lock().unwrap().entry(path.clone()).or_default() += 1;
    let reply = routes.lock().unwrap().get(&path).cloned();
    let reply = reply.unwrap_or_else(|| Reply::status(404));
    let _ = respond(&mut stream, reply);
}

/// Reads a request's headers up to the blank line, noting its User-Agent.
fn skip_headers(reader: &mut impl BufRead, agents: &Mutex<Vec<String>>) {
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {
                if let Some((name, value)) = line.split_once(':')
                    && name.eq_ignore_ascii_case("user-agent")
                {
                    agents.lock().unwrap().push(value.trim().to_string());
                }
            }
        }
    }
}

fn respond(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Fixed(code, headers, body) => {
            let mut head = format!("HTTP/1.1 {code} {}\r\n", phrase(code));
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str(&format!(
                "Content-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            ));
            stream.write_all(head.as_bytes())?;
            stream.write_all(&body)
        }
        Reply::Trickle(headers, interval) => {
            let mut head = "HTTP/1.1 200 OK\r\nConnection: close\r\n".to_string();
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            stream.write_all(head.as_bytes())?;
            loop {
                stream.write_all(b"x")?;
                stream.flush()?;
                thread::sleep(interval);
            }
        }
        Reply::EndlessChunks => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n",
            )?;
            let chunk = "<p>More words arrive and never stop.</p>\n".repeat(100);
            loop {
                stream.write_all(format!("{:x}\r\n{chunk}\r\n", chunk.len()).as_bytes())?;
            }
        }
        Reply::EndlessClose => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n",
            )?;
            let block = "<p>Still more words.</p>\n".repeat(200);
            loop {
                stream.write_all(block.as_bytes())?;
            }
        }
    }
}

fn phrase(code: u16) -> &'static str {
    match code {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Whatever",
    }
}
