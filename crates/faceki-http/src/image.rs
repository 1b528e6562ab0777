//! [`ImageInput`]: an image to upload, from a file, a buffer or an async reader.
//!
//! Before any request is sent, every image is checked: the file exists and is a
//! regular file (not a symbolic link, a directory or a device), it is not empty, not
//! larger than the client's maximum image size, and its first bytes say JPEG or PNG.
//! A failed check is an [`Error::is_invalid_input`](crate::Error::is_invalid_input)
//! error and nothing is sent.
//!
//! The file checked is the file sent: it is opened once, when checked, and every
//! attempt streams from that open handle (a rename or a re-pointed link in between
//! changes nothing). Before each attempt the handle is checked again — same size,
//! same modification time, same first bytes — so a file rewritten in place is
//! refused rather than streamed unchecked.
//!
//! Files are streamed from disk in 64 KiB chunks behind an exact `Content-Length`;
//! they are never read whole into memory. Files and buffers are re-read for every
//! attempt (a retry after a connection failure, or a resend after a token refresh), so
//! a second attempt never sends an empty part. A reader can be read only once: if a
//! reader-based upload would have to be sent a second time, the call fails with a
//! clear error instead.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use bytes::Bytes;
use futures_core::Stream;
use futures_util::StreamExt;
use tokio::io::{AsyncRead, AsyncReadExt};
use tokio_util::io::ReaderStream;

use faceki_types::{Image, ImageFormat};

use crate::error::Error;

/// Chunk size of file and reader streams.
pub(crate) const CHUNK_SIZE: usize = 64 * 1024;

/// Bytes read to recognise the format (PNG's signature is 8 bytes long).
const HEAD_LEN: usize = 8;

/// The default maximum image size: 15 MiB.
pub const DEFAULT_MAX_IMAGE_BYTES: u64 = 15 * 1024 * 1024;

type BoxReader = Box<dyn AsyncRead + Send + Unpin>;
pub(crate) type ChunkStream = Pin<Box<dyn Stream<Item = Result<Bytes, io::Error>> + Send>>;

/// An image to upload.
///
/// ```
/// use faceki_http::ImageInput;
///
/// let from_disk = ImageInput::path("selfie.jpg");
/// let from_memory = ImageInput::bytes(vec![0xFF, 0xD8, 0xFF, 0xE0]);
/// let named = ImageInput::bytes(vec![0xFF, 0xD8, 0xFF]).with_file_name("front.jpg");
/// # let _ = (from_disk, from_memory, named);
/// ```
pub struct ImageInput {
    kind: Kind,
    file_name: Option<String>,
}

enum Kind {
    Path(PathBuf),
    Bytes(Bytes),
    Reader { reader: BoxReader, len: u64 },
}

impl ImageInput {
    /// An image file, streamed from disk for every attempt.
    pub fn path(path: impl Into<PathBuf>) -> Self {
        Self {
            kind: Kind::Path(path.into()),
            file_name: None,
        }
    }

    /// An image in memory.
    pub fn bytes(bytes: impl Into<Bytes>) -> Self {
        Self {
            kind: Kind::Bytes(bytes.into()),
            file_name: None,
        }
    }

    /// An image read from `reader`, which must yield exactly `len` bytes.
    ///
    /// A reader can be read only once, so such an upload cannot be retried after a
    /// connection failure nor resent after a token refresh: the call then fails with
    /// an invalid-input error. Prefer [`ImageInput::path`] or [`ImageInput::bytes`].
    pub fn reader(reader: impl AsyncRead + Send + Unpin + 'static, len: u64) -> Self {
        Self {
            kind: Kind::Reader {
                reader: Box::new(reader),
                len,
            },
            file_name: None,
        }
    }

    /// The file name sent in `Content-Disposition` (sanitized). By default it is
    /// `<field>.<jpg|png>`, which carries no personal data.
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Checks the image and measures it, reading only its first bytes.
    pub(crate) async fn prepare(
        self,
        field: &'static str,
        max_bytes: u64,
    ) -> Result<Image<ImageSource>, Error> {
        let invalid = |reason: String| Error::invalid_input(None, format!("`{field}`: {reason}"));
        let check_len = |len: u64| check_len(len, max_bytes).map_err(invalid);
        let (source, head, len) = match self.kind {
            Kind::Path(path) => {
                // The path may name a person: it is not repeated in messages.
                let opened = open_checked(&path).await.map_err(invalid)?;
                check_len(opened.len)?;
                let mut file = tokio::fs::File::from_std(opened.file.try_clone().map_err(|e| {
                    invalid(format!("the image file cannot be read ({})", io_reason(&e)))
                })?);
                let head = read_head(&mut file, opened.len).await.map_err(|e| {
                    invalid(format!("the image file cannot be read ({})", io_reason(&e)))
                })?;
                let len = opened.len;
                let source = Source::File(Arc::new(CheckedFile {
                    file: opened.file,
                    len,
                    modified: opened.modified,
                    head: head.clone(),
                }));
                (source, head, len)
            }
            Kind::Bytes(bytes) => {
                let len = bytes.len() as u64;
                check_len(len)?;
                let head = bytes.slice(..bytes.len().min(HEAD_LEN)).to_vec();
                (Source::Bytes(bytes), head, len)
            }
            Kind::Reader { mut reader, len } => {
                check_len(len)?;
                let head = read_head(&mut reader, len)
                    .await
                    .map_err(|e| invalid(format!("the image reader failed ({})", io_reason(&e))))?;
                let rest = len - head.len() as u64;
                let source = Source::Reader(Mutex::new(Some(ReaderState {
                    head: Bytes::from(head.clone()),
                    reader,
                    rest,
                })));
                (source, head, len)
            }
        };
        let Some(format) = ImageFormat::sniff(&head) else {
            return Err(invalid(
                "the image is neither JPEG nor PNG (checked by its first bytes)".to_owned(),
            ));
        };
        let image = Image::new(ImageSource(Arc::new(source)), format, len);
        Ok(match self.file_name {
            Some(name) => image.with_file_name(name),
            None => image,
        })
    }
}

impl ImageInput {
    /// The file name given with [`with_file_name`](Self::with_file_name), if any.
    pub(crate) fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// Reads the whole image into memory (for a pre-flight), with the same checks as
    /// [`prepare`](Self::prepare): a regular file, not empty, at most `max_bytes`.
    pub(crate) async fn read_all(
        self,
        field: &'static str,
        max_bytes: u64,
    ) -> Result<Bytes, Error> {
        let invalid = |reason: String| Error::invalid_input(None, format!("`{field}`: {reason}"));
        let check_len = |len: u64| check_len(len, max_bytes).map_err(invalid);
        let read_error =
            |e: io::Error| invalid(format!("the image cannot be read ({})", io_reason(&e)));
        match self.kind {
            Kind::Bytes(bytes) => {
                check_len(bytes.len() as u64)?;
                Ok(bytes)
            }
            Kind::Path(path) => {
                let opened = open_checked(&path).await.map_err(invalid)?;
                check_len(opened.len)?;
                let file = tokio::fs::File::from_std(opened.file);
                read_exactly(file, opened.len).await.map_err(read_error)
            }
            Kind::Reader { reader, len } => {
                check_len(len)?;
                read_exactly(reader, len).await.map_err(read_error)
            }
        }
    }
}

/// An image's length: not empty, at most `max_bytes`.
fn check_len(len: u64, max_bytes: u64) -> Result<(), String> {
    if len == 0 {
        Err("the image is empty".to_owned())
    } else if len > max_bytes {
        Err(format!(
            "the image is {len} bytes, more than the maximum of {max_bytes}"
        ))
    } else {
        Ok(())
    }
}

/// Reads exactly `len` bytes (a shorter or longer source is an error).
async fn read_exactly<R: AsyncRead + Unpin>(reader: R, len: u64) -> io::Result<Bytes> {
    let capacity = usize::try_from(len).map_err(|_| io::ErrorKind::OutOfMemory)?;
    let mut buffer = Vec::with_capacity(capacity);
    reader.take(len + 1).read_to_end(&mut buffer).await?;
    if buffer.len() as u64 != len {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "the image changed size while it was read",
        ));
    }
    Ok(Bytes::from(buffer))
}

impl fmt::Debug for ImageInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A path or a file name may name a person: only the kind is shown.
        let kind = match &self.kind {
            Kind::Path(_) => "path",
            Kind::Bytes(_) => "bytes",
            Kind::Reader { .. } => "reader",
        };
        f.debug_struct("ImageInput")
            .field("kind", &kind)
            .finish_non_exhaustive()
    }
}

impl From<PathBuf> for ImageInput {
    fn from(path: PathBuf) -> Self {
        Self::path(path)
    }
}

impl From<&Path> for ImageInput {
    fn from(path: &Path) -> Self {
        Self::path(path)
    }
}

impl From<Vec<u8>> for ImageInput {
    fn from(bytes: Vec<u8>) -> Self {
        Self::bytes(bytes)
    }
}

impl From<Bytes> for ImageInput {
    fn from(bytes: Bytes) -> Self {
        Self::bytes(bytes)
    }
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "not found".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        kind => kind.to_string(),
    }
}

async fn read_head<R: AsyncRead + Unpin + ?Sized>(reader: &mut R, len: u64) -> io::Result<Vec<u8>> {
    let want = usize::try_from(len.min(HEAD_LEN as u64)).unwrap_or(HEAD_LEN);
    let mut head = vec![0; want];
    let mut filled = 0;
    while filled < want {
        let n = reader.read(&mut head[filled..]).await?;
        if n == 0 {
            break;
        }
        filled += n;
    }
    head.truncate(filled);
    Ok(head)
}

/// Where a checked image's bytes come from; cloned into each attempt's body.
#[derive(Clone)]
pub(crate) struct ImageSource(Arc<Source>);

enum Source {
    File(Arc<CheckedFile>),
    Bytes(Bytes),
    Reader(Mutex<Option<ReaderState>>),
}

/// An image file opened when it was checked, with what was checked.
struct CheckedFile {
    file: std::fs::File,
    len: u64,
    modified: Option<SystemTime>,
    head: Vec<u8>,
}

/// A file opened for upload, with its size and modification time.
struct Opened {
    file: std::fs::File,
    len: u64,
    modified: Option<SystemTime>,
}

/// Opens `path` for upload: a regular file, not a symbolic link, and (on Unix) the
/// same file that was inspected by name, so a link swapped in between is caught.
async fn open_checked(path: &Path) -> Result<Opened, String> {
    let by_name = tokio::fs::symlink_metadata(path)
        .await
        .map_err(|e| format!("the image file cannot be read ({})", io_reason(&e)))?;
    if by_name.file_type().is_symlink() {
        return Err(
            "the image path is a symbolic link; pass the file it points to (links are \
             refused so the file checked is the file sent)"
                .to_owned(),
        );
    }
    if !by_name.is_file() {
        return Err("the image path is not a regular file".to_owned());
    }
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| format!("the image file cannot be opened ({})", io_reason(&e)))?;
    let file = file.into_std().await;
    let by_handle = file
        .metadata()
        .map_err(|e| format!("the image file cannot be read ({})", io_reason(&e)))?;
    if !by_handle.is_file() || !same_file(&by_name, &by_handle) {
        return Err("the image file was replaced while it was being opened".to_owned());
    }
    Ok(Opened {
        file,
        len: by_handle.len(),
        modified: by_handle.modified().ok(),
    })
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    a.len() == b.len() && a.modified().ok() == b.modified().ok()
}

impl CheckedFile {
    /// A stream of the file from its start, after checking that it is still what was
    /// checked: same size, same modification time, same first bytes. Reads are
    /// positional (they never move a shared file position), so a previous attempt's
    /// stream, even one with a read still in flight, cannot shift this one.
    async fn open(self: &Arc<Self>) -> Result<ChunkStream, String> {
        let cannot = |e: io::Error| format!("the image file cannot be read ({})", io_reason(&e));
        let meta = self.file.metadata().map_err(cannot)?;
        if meta.len() != self.len {
            return Err("the image file changed size since it was checked".to_owned());
        }
        if meta.modified().ok() != self.modified {
            return Err("the image file was modified since it was checked".to_owned());
        }
        let head_len = self.head.len();
        let head = read_chunk(Arc::clone(self), 0, head_len)
            .await
            .map_err(cannot)?;
        if head != self.head {
            return Err("the image file's content changed since it was checked".to_owned());
        }
        let file = Arc::clone(self);
        let stream = futures_util::stream::try_unfold(0u64, move |offset| {
            let file = Arc::clone(&file);
            async move {
                if offset >= file.len {
                    return Ok(None);
                }
                let want = usize::try_from((file.len - offset).min(CHUNK_SIZE as u64))
                    .unwrap_or(CHUNK_SIZE);
                let chunk = read_chunk(file, offset, want).await?;
                if chunk.is_empty() {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the image file became shorter while it was sent",
                    ));
                }
                let next = offset + chunk.len() as u64;
                Ok(Some((Bytes::from(chunk), next)))
            }
        });
        Ok(Box::pin(stream))
    }
}

/// Reads up to `len` bytes at `offset` without moving the file's position, on the
/// blocking pool.
async fn read_chunk(file: Arc<CheckedFile>, offset: u64, len: usize) -> io::Result<Vec<u8>> {
    tokio::task::spawn_blocking(move || {
        let mut buf = vec![0; len];
        let mut filled = 0;
        while filled < len {
            let n = read_at(&file.file, &mut buf[filled..], offset + filled as u64)?;
            if n == 0 {
                break;
            }
            filled += n;
        }
        buf.truncate(filled);
        Ok(buf)
    })
    .await
    .map_err(|_| io::Error::other("the image read was cancelled"))?
}

#[cfg(unix)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, offset)
}

#[cfg(windows)]
fn read_at(file: &std::fs::File, buf: &mut [u8], offset: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, offset)
}

struct ReaderState {
    head: Bytes,
    reader: BoxReader,
    rest: u64,
}

impl fmt::Debug for ImageSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match &*self.0 {
            Source::File(_) => "file",
            Source::Bytes(_) => "bytes",
            Source::Reader(_) => "reader",
        };
        f.debug_tuple("ImageSource").field(&kind).finish()
    }
}

impl ImageSource {
    /// Opens the content for one attempt. Fails (before anything is sent) when a file
    /// changed since it was checked, or a reader was already used.
    pub(crate) async fn open(&self, field: &'static str) -> Result<ChunkStream, Error> {
        let invalid = |reason: String| Error::invalid_input(None, format!("`{field}`: {reason}"));
        match &*self.0 {
            Source::File(file) => file.open().await.map_err(invalid),
            Source::Bytes(bytes) => {
                let bytes = bytes.clone();
                Ok(Box::pin(futures_util::stream::once(
                    async move { Ok(bytes) },
                )))
            }
            Source::Reader(state) => {
                let taken = state.lock().unwrap_or_else(PoisonError::into_inner).take();
                let Some(ReaderState { head, reader, rest }) = taken else {
                    return Err(invalid(
                        "a reader-based image can be sent only once, and this call needed a \
                         second attempt (a retry or a token refresh); pass a file path or \
                         bytes to allow that"
                            .to_owned(),
                    ));
                };
                let head = futures_util::stream::once(async move { Ok(head) });
                let tail = ReaderStream::with_capacity(reader.take(rest), CHUNK_SIZE);
                Ok(Box::pin(head.chain(tail)))
            }
        }
    }
}

#[cfg(test)]
mod tests;
