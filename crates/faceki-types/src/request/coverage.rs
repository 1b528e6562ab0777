//! Every [`Endpoint`] has a request builder, and each builds the endpoint's documented
//! method and path.

use super::testing::jpeg;
use super::*;
use crate::endpoint::Endpoint;
use crate::secret::Secret;

fn endpoint_and_path<S>(spec: RequestSpec<S>) -> (Endpoint, String) {
    (spec.endpoint(), spec.path().to_owned())
}

#[test]
fn every_endpoint_has_a_builder() {
    let secret = Secret::new("s");
    let pdf = PdfReportPath::new("/report/{requestId}").unwrap();
    let multi = |m: MultiVerification<_>| m.selfie_image(jpeg("s")).pp_front_image(jpeg("p"));
    let v3 = |v: V3Verification<_>| v.selfie(jpeg("s")).document_1_front(jpeg("f"));
    let built = [
        endpoint_and_path(token_request(TokenRequestVariant::QueryGet, "id", &secret).unwrap()),
        endpoint_and_path(token_request(TokenRequestVariant::JsonPost, "id", &secret).unwrap()),
        endpoint_and_path(kyc_rules_request()),
        endpoint_and_path(
            SingleVerification::new()
                .selfie_image(jpeg("s"))
                .doc_front_image(jpeg("f"))
                .doc_back_image(jpeg("b"))
                .build()
                .unwrap(),
        ),
        endpoint_and_path(multi(MultiVerification::new()).build().unwrap()),
        endpoint_and_path(kyc_summary_request()),
        endpoint_and_path(CreateLink::new().build().unwrap()),
        endpoint_and_path(records_by_link_request("l").unwrap()),
        endpoint_and_path(records_by_reference_request("r").unwrap()),
        endpoint_and_path(RecordsQuery::new().request_id("q").build().unwrap()),
        endpoint_and_path(face_check_request(jpeg("s")).unwrap()),
        endpoint_and_path(validate_link_request("l").unwrap()),
        endpoint_and_path(multi(MultiVerification::by_link("l")).build().unwrap()),
        endpoint_and_path(
            SingleVerification::by_link("l", SelectedDoc::Passport)
                .selfie_image(jpeg("s"))
                .doc_front_image(jpeg("f"))
                .doc_back_image(jpeg("f"))
                .build()
                .unwrap(),
        ),
        endpoint_and_path(v3(V3Verification::by_workflow("wf")).build().unwrap()),
        endpoint_and_path(v3_search_by_face_request(jpeg("s")).unwrap()),
        endpoint_and_path(v3_pdf_report_request(&pdf, "q").unwrap()),
        endpoint_and_path(v3_workflow_rules_request("wf").unwrap()),
        endpoint_and_path(v3_workflow_rules_by_link_request("l").unwrap()),
        endpoint_and_path(v3(V3Verification::by_link("l")).build().unwrap()),
        endpoint_and_path(v3_analyze_face_request(jpeg("s")).unwrap()),
    ];
    let endpoints: Vec<Endpoint> = built.iter().map(|(e, _)| *e).collect();
    assert_eq!(
        endpoints,
        Endpoint::ALL,
        "one builder per endpoint, in reference order"
    );
    for (endpoint, path) in &built {
        match endpoint.path() {
            Some(documented) => assert_eq!(path, documented, "{endpoint}"),
            None => assert_eq!(path, "/report/q", "{endpoint}"),
        }
    }
}
