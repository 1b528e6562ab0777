//! Turning the images of an upload request into checked sources: every slot's
//! [`ImageInput`] is opened, measured and sniffed before anything is sent, in wire
//! order, the first bad image stopping the call with an error that names its field.

use std::convert::Infallible;

use faceki_types::Image;
use faceki_types::request::{ImageSlot, Uploads};

use super::Client;
use crate::error::Error;
use crate::image::{ImageInput, ImageSource};

impl Client {
    /// Checks one image (before anything is sent), through the image pre-flight when
    /// the client has one.
    pub(crate) async fn prepare(
        &self,
        slot: ImageSlot,
        image: ImageInput,
    ) -> Result<Image<ImageSource>, Error> {
        let max = self.inner.max_image_bytes;
        let image = match &self.inner.preflight {
            Some(preflight) if preflight.is_active() => {
                super::preflight::run(preflight, slot, image, max).await?
            }
            _ => image,
        };
        image.prepare(slot.name, max).await
    }

    /// Checks every image of an upload request, in wire order, and returns the same
    /// request with checked images in its slots.
    ///
    /// The slots are mapped twice, both times by the request's own typed mapping: once
    /// to take the inputs out (leaving their positions), and once to put the checked
    /// images back; no image is ever routed by its field name.
    pub(crate) async fn prepare_images<R, T>(&self, request: R) -> Result<T, Error>
    where
        R: Uploads<ImageInput>,
        R::With<usize>: Uploads<usize, With<Image<ImageSource>> = T>,
    {
        let mut inputs = Vec::new();
        let Ok(positions) = request.try_map_images(|slot, input| {
            inputs.push((slot, input));
            Ok::<_, Infallible>(inputs.len() - 1)
        });
        let mut checked = Vec::with_capacity(inputs.len());
        for (slot, input) in inputs {
            checked.push(Some(self.prepare(slot, input).await?));
        }
        positions.try_map_images(|slot, position| {
            checked
                .get_mut(position)
                .and_then(Option::take)
                .ok_or_else(|| {
                    Error::invalid_input(
                        None,
                        format!("`{}`: the image was given twice", slot.name),
                    )
                })
        })
    }
}
