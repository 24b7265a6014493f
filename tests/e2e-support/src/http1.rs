//! A tiny HTTP/1.1 exchange over `std::net::TcpStream`: one request per
//! connection (`Connection: close`), bodies by `Content-Length`, chunked
//! responses decoded, or read to the end. Enough for tests on 127.0.0.1;
//! not a general HTTP client.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// How long a test waits on a socket before giving up.
const IO_TIMEOUT: Duration = Duration::from_secs(30);
/// The most header bytes accepted (requests and responses).
const MAX_HEAD: usize = 64 * 1024;
/// The most body bytes accepted.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// An exchange that went wrong, with what and where.
#[derive(Debug)]
pub struct HttpError(pub String);

impl std::fmt::Display for HttpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HttpError {}

fn io(what: &str) -> impl Fn(std::io::Error) -> HttpError + '_ {
    move |e| HttpError(format!("{what}: {e}"))
}

/// Sends `request` to `addr` and reads the whole response. The request's
/// URI may be absolute or origin-form; its path and query are sent, and
/// its headers as they are (sign it first: the `Host` header the signer
/// adds is the one sent). `Content-Length` and `Connection: close` are
/// added.
pub fn send(
    addr: SocketAddr,
    request: &http::Request<Vec<u8>>,
) -> Result<http::Response<Vec<u8>>, HttpError> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)
        .map_err(|e| HttpError(format!("cannot connect to {addr}: {e}")))?;
    stream
        .set_read_timeout(Some(IO_TIMEOUT))
        .map_err(io("set timeout"))?;
    stream
        .set_write_timeout(Some(IO_TIMEOUT))
        .map_err(io("set timeout"))?;
    let target = request.uri().path_and_query().map_or("/", |pq| pq.as_str());
    let mut head = format!("{} {target} HTTP/1.1\r\n", request.method());
    for (name, value) in request.headers() {
        if name == http::header::CONTENT_LENGTH || name == http::header::CONNECTION {
            continue;
        }
        let value = value
            .to_str()
            .map_err(|_| HttpError(format!("header {name} is not text")))?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        request.body().len()
    ));
    stream
        .write_all(head.as_bytes())
        .map_err(io("write the request"))?;
    stream
        .write_all(request.body())
        .map_err(io("write the body"))?;
    stream.flush().map_err(io("flush"))?;
    read_response(BufReader::new(stream))
}

/// Reads the start line and headers: the start line, then each header.
fn read_head(reader: &mut impl BufRead) -> Result<Option<(String, http::HeaderMap)>, HttpError> {
    let mut total = 0;
    let mut start = String::new();
    if reader
        .read_line(&mut start)
        .map_err(io("read the start line"))?
        == 0
    {
        return Ok(None);
    }
    total += start.len();
    let mut headers = http::HeaderMap::new();
    loop {
        let mut line = String::new();
        let n = reader.read_line(&mut line).map_err(io("read a header"))?;
        total += n;
        if total > MAX_HEAD {
            return Err(HttpError(format!("headers longer than {MAX_HEAD} bytes")));
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if n == 0 || line.is_empty() {
            break;
        }
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| HttpError(format!("not a header line: {line:?}")))?;
        let name = http::HeaderName::from_bytes(name.trim().as_bytes())
            .map_err(|_| HttpError(format!("bad header name {name:?}")))?;
        let value = http::HeaderValue::from_str(value.trim())
            .map_err(|_| HttpError(format!("bad value of header {name}")))?;
        headers.append(name, value);
    }
    Ok(Some((start.trim_end().to_owned(), headers)))
}

fn content_length(headers: &http::HeaderMap) -> Result<Option<usize>, HttpError> {
    let Some(value) = headers.get(http::header::CONTENT_LENGTH) else {
        return Ok(None);
    };
    let n = value
        .to_str()
        .ok()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .ok_or_else(|| HttpError(format!("bad content-length {value:?}")))?;
    if n > MAX_BODY {
        return Err(HttpError(format!("a body of {n} bytes is too long")));
    }
    Ok(Some(n))
}

fn read_exact(reader: &mut impl Read, n: usize) -> Result<Vec<u8>, HttpError> {
    let mut body = vec![0; n];
    reader.read_exact(&mut body).map_err(io("read the body"))?;
    Ok(body)
}

fn read_chunked(reader: &mut impl BufRead) -> Result<Vec<u8>, HttpError> {
    let mut body = Vec::new();
    loop {
        let mut line = String::new();
        reader
            .read_line(&mut line)
            .map_err(io("read a chunk size"))?;
        let size = line.trim().split(';').next().unwrap_or_default();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| HttpError(format!("bad chunk size {line:?}")))?;
        if body.len() + size > MAX_BODY {
            return Err(HttpError("chunked body too long".to_owned()));
        }
        if size == 0 {
            // Trailers, then the blank line.
            loop {
                let mut trailer = String::new();
                let n = reader
                    .read_line(&mut trailer)
                    .map_err(io("read a trailer"))?;
                if n == 0 || trailer.trim().is_empty() {
                    return Ok(body);
                }
            }
        }
        body.extend(read_exact(reader, size)?);
        let mut crlf = String::new();
        reader
            .read_line(&mut crlf)
            .map_err(io("read a chunk end"))?;
    }
}

fn read_response(mut reader: impl BufRead) -> Result<http::Response<Vec<u8>>, HttpError> {
    let (start, headers) =
        read_head(&mut reader)?.ok_or_else(|| HttpError("no response".to_owned()))?;
    let status = start
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse::<u16>().ok())
        .and_then(|code| http::StatusCode::from_u16(code).ok())
        .ok_or_else(|| HttpError(format!("bad status line {start:?}")))?;
    let chunked = headers
        .get(http::header::TRANSFER_ENCODING)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"chunked"));
    let body = if chunked {
        read_chunked(&mut reader)?
    } else if let Some(n) = content_length(&headers)? {
        read_exact(&mut reader, n)?
    } else {
        let mut body = Vec::new();
        reader
            .take(MAX_BODY as u64)
            .read_to_end(&mut body)
            .map_err(io("read the body"))?;
        body
    };
    let mut response = http::Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = headers;
    Ok(response)
}

/// Reads one request from a connection (`None` when the peer closed it
/// before sending anything). The URI is origin-form, as received.
pub fn read_request(
    reader: &mut impl BufRead,
) -> Result<Option<http::Request<Vec<u8>>>, HttpError> {
    let Some((start, headers)) = read_head(reader)? else {
        return Ok(None);
    };
    let mut parts = start.split(' ');
    let (Some(method), Some(target), Some(_version)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(HttpError(format!("bad request line {start:?}")));
    };
    let method = http::Method::from_bytes(method.as_bytes())
        .map_err(|_| HttpError(format!("bad method {method:?}")))?;
    let uri: http::Uri = target
        .parse()
        .map_err(|_| HttpError(format!("bad request target {target:?}")))?;
    let body = match content_length(&headers)? {
        Some(n) => read_exact(reader, n)?,
        None => Vec::new(),
    };
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    Ok(Some(request))
}

/// Writes `response` with `Content-Length` and `Connection: close`.
pub fn write_response(
    writer: &mut impl Write,
    response: &http::Response<Vec<u8>>,
) -> Result<(), HttpError> {
    let status = response.status();
    let mut head = format!(
        "HTTP/1.1 {} {}\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("")
    );
    for (name, value) in response.headers() {
        let value = value
            .to_str()
            .map_err(|_| HttpError(format!("header {name} is not text")))?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!(
        "content-length: {}\r\nconnection: close\r\n\r\n",
        response.body().len()
    ));
    writer
        .write_all(head.as_bytes())
        .map_err(io("write the response"))?;
    writer
        .write_all(response.body())
        .map_err(io("write the body"))?;
    writer.flush().map_err(io("flush"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chunked_and_length_bodies() {
        let chunked = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nx-a: 1\r\n\r\n3\r\nabc\r\n2;ext\r\nde\r\n0\r\n\r\n";
        let r = read_response(&chunked[..]).unwrap();
        assert_eq!(r.status(), 200);
        assert_eq!(r.headers()["x-a"], "1");
        assert_eq!(r.body(), b"abcde");
        let sized = b"HTTP/1.0 404 NOT FOUND\r\nContent-Length: 2\r\n\r\nhiEXTRA";
        let r = read_response(&sized[..]).unwrap();
        assert_eq!(r.status(), 404);
        assert_eq!(r.body(), b"hi");
        let to_end = b"HTTP/1.1 200 OK\r\n\r\nall of it";
        assert_eq!(read_response(&to_end[..]).unwrap().body(), b"all of it");
        assert!(read_response(&b"garbage\r\n\r\n"[..]).is_err());
    }

    #[test]
    fn reads_a_request() {
        let raw =
            b"POST /things/t%201/jobs?x=1 HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\n{}{}";
        let r = read_request(&mut &raw[..]).unwrap().unwrap();
        assert_eq!(r.method(), http::Method::POST);
        assert_eq!(r.uri().path(), "/things/t%201/jobs");
        assert_eq!(r.uri().query(), Some("x=1"));
        assert_eq!(r.body(), b"{}{}");
        assert!(read_request(&mut &b""[..]).unwrap().is_none());
    }
}
