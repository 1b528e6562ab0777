//! [`PreparedBody`]: a request body kept as its recipe, so each attempt streams it
//! afresh from its sources.

use bytes::Bytes;
use faceki_types::Endpoint;
use faceki_types::request::{Body, Multipart, Segment};
use futures_util::StreamExt;
use http::HeaderValue;

use crate::error::Error;
use crate::image::{ChunkStream, ImageSource};
use crate::transport::{BodyStream, RequestBody};

/// One piece of a multipart body.
pub(crate) enum Piece {
    Bytes(Bytes),
    File {
        name: &'static str,
        source: ImageSource,
    },
}

/// What a multipart file part may refer to: an image source, or nothing (`()`, for
/// requests that carry no images).
pub(crate) trait BodySource {
    /// The image source, if this is one.
    fn into_image(self) -> Option<ImageSource>;
}

impl BodySource for ImageSource {
    fn into_image(self) -> Option<ImageSource> {
        Some(self)
    }
}

impl BodySource for () {
    fn into_image(self) -> Option<ImageSource> {
        None
    }
}

/// A body that can be produced again for every attempt.
pub(crate) enum PreparedBody {
    Empty,
    Json(Bytes),
    Multipart {
        content_type: HeaderValue,
        len: u64,
        pieces: Vec<Piece>,
    },
}

impl PreparedBody {
    /// Frames a request description's body (the multipart boundary comes from
    /// `boundary`).
    pub(crate) fn from_body<S: BodySource>(
        endpoint: Endpoint,
        body: Body<S>,
        boundary: impl FnOnce() -> String,
    ) -> Result<Self, Error> {
        Ok(match body {
            Body::Empty => Self::Empty,
            Body::Json(json) => Self::Json(Bytes::from(json.bytes)),
            Body::Multipart(parts) => {
                let framed = Multipart::new(&boundary(), parts)
                    .map_err(|e| Error::request(Some(endpoint), e))?;
                let content_type = HeaderValue::from_str(&framed.content_type()).map_err(|_| {
                    Error::invalid_input(Some(endpoint), "the multipart boundary is not sendable")
                })?;
                let len = framed.content_length();
                let mut pieces = Vec::new();
                for segment in framed.into_segments() {
                    pieces.push(match segment {
                        Segment::File { name, source, .. } => Piece::File {
                            name,
                            source: source.into_image().ok_or_else(|| {
                                Error::invalid_input(
                                    Some(endpoint),
                                    format!("`{name}` has no image source"),
                                )
                            })?,
                        },
                        Segment::Bytes(bytes) => Piece::Bytes(Bytes::from(bytes)),
                        _ => {
                            return Err(Error::invalid_input(
                                Some(endpoint),
                                "this multipart segment kind is not supported by this client version",
                            ));
                        }
                    });
                }
                Self::Multipart {
                    content_type,
                    len,
                    pieces,
                }
            }
            #[allow(unreachable_patterns)]
            _ => {
                return Err(Error::invalid_input(
                    Some(endpoint),
                    "this body kind is not supported by this client version",
                ));
            }
        })
    }

    /// The body for one attempt when it needs no I/O (empty or JSON); `None` for a
    /// multipart body, which [`open`](Self::open) produces.
    pub(crate) fn ready(&self) -> Option<(RequestBody, Option<HeaderValue>)> {
        match self {
            Self::Empty => Some((RequestBody::Empty, None)),
            Self::Json(bytes) => Some((
                RequestBody::Bytes(bytes.clone()),
                Some(HeaderValue::from_static("application/json")),
            )),
            Self::Multipart { .. } => None,
        }
    }

    /// Produces the body for one attempt, opening every file first so that a missing
    /// or changed file fails before anything is sent.
    pub(crate) async fn open(
        &self,
        _endpoint: Endpoint,
    ) -> Result<(RequestBody, Option<HeaderValue>), Error> {
        match self {
            Self::Empty => Ok((RequestBody::Empty, None)),
            Self::Json(bytes) => Ok((
                RequestBody::Bytes(bytes.clone()),
                Some(HeaderValue::from_static("application/json")),
            )),
            Self::Multipart {
                content_type,
                len,
                pieces,
            } => {
                let mut streams: Vec<ChunkStream> = Vec::with_capacity(pieces.len());
                for piece in pieces {
                    streams.push(match piece {
                        Piece::Bytes(bytes) => {
                            let bytes = bytes.clone();
                            Box::pin(futures_util::stream::once(async move { Ok(bytes) }))
                        }
                        Piece::File { name, source } => source.open(name).await?,
                    });
                }
                let stream = futures_util::stream::iter(streams).flatten();
                Ok((
                    RequestBody::Stream(BodyStream::new(*len, stream)),
                    Some(content_type.clone()),
                ))
            }
        }
    }
}

/// A random multipart boundary: 32 alphanumeric characters after a fixed prefix.
pub(crate) fn random_boundary() -> String {
    let mut boundary = String::from("faceki-");
    boundary.extend(std::iter::repeat_with(fastrand::alphanumeric).take(32));
    boundary
}
