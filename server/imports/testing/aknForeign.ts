/**
 * Akoma Ntoso documents written by hand in the style of other tools, for the import tests: an
 * act as Laws.Africa's Indigo writes one (chapters, sections with headings, subsections, numbered
 * paragraphs inside them, `blockList`/`item` in content, `authorialNote`s, a schedule in
 * `attachments`, pretty-printed), and a regulation as the European Commission's LEOS writes one
 * (a `longTitle`, formulas, citations and recitals, articles of numbered paragraphs with nested
 * `list`/`point`, an indent list, unnumbered sub-paragraphs).
 */

const META = `
    <meta>
      <identification source="#cobalt">
        <FRBRWork>
          <FRBRthis value="/akn/za/act/2021/7/!main"/>
          <FRBRuri value="/akn/za/act/2021/7"/>
          <FRBRalias value="Critical Infrastructure Protection Act, 2021" name="title"/>
          <FRBRdate date="2021" name="Generation"/>
          <FRBRauthor href=""/>
          <FRBRcountry value="za"/>
          <FRBRnumber value="7"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/za/act/2021/7/eng@2021-06-01/!main"/>
          <FRBRuri value="/akn/za/act/2021/7/eng@2021-06-01"/>
          <FRBRdate date="2021-06-01" name="Generation"/>
          <FRBRauthor href=""/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/za/act/2021/7/eng@2021-06-01/!main"/>
          <FRBRuri value="/akn/za/act/2021/7/eng@2021-06-01"/>
          <FRBRdate date="2021-06-01" name="Generation"/>
          <FRBRauthor href=""/>
        </FRBRManifestation>
      </identification>
      <references source="#cobalt">
        <TLCOrganization eId="cobalt" href="https://github.com/laws-africa/cobalt" showAs="cobalt"/>
      </references>
    </meta>`;

/** An act in Indigo's style. */
export const INDIGO_ACT = `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <act contains="singleVersion" name="act">${META}
    <preface>
      <longTitle eId="longTitle">
        <p eId="longTitle__p_1">To provide for the protection of critical infrastructure; and to provide for matters connected therewith.</p>
      </longTitle>
    </preface>
    <preamble>
      <p eId="preamble__p_1">WHEREAS essential services depend on connected systems;</p>
      <p eId="preamble__p_2">AND WHEREAS the Republic is party to the Convention<sup><authorialNote marker="1"
        placement="bottom" eId="preamble__p_2__authorialNote_1"><p eId="preamble__p_2__authorialNote_1__p_1">Act 4 of 2013.</p>
        </authorialNote></sup> on cooperation;</p>
      <formula name="enactingFormula">
        <p>BE IT ENACTED by the Parliament of the Republic, as follows:—</p>
      </formula>
    </preamble>
    <body>
      <chapter eId="chp_1">
        <num>1</num>
        <heading>Interpretation and application</heading>
        <section eId="sec_1">
          <num>1.</num>
          <heading>Definitions</heading>
          <content>
            <p eId="sec_1__p_1">In this Act, unless the context indicates otherwise—</p>
            <blockList eId="sec_1__list_1">
              <item eId="sec_1__list_1__item_a">
                <num>(a)</num>
                <p eId="sec_1__list_1__item_a__p_1">"critical infrastructure" means infrastructure declared as such under section 2;</p>
              </item>
              <item eId="sec_1__list_1__item_b">
                <num>(b)</num>
                <p eId="sec_1__list_1__item_b__p_1">"essential service" means a service—</p>
                <blockList eId="sec_1__list_1__item_b__list_1">
                  <item eId="sec_1__list_1__item_b__list_1__item_i">
                    <num>(i)</num>
                    <p>on which the health or safety of the public depends; or</p>
                  </item>
                  <item eId="sec_1__list_1__item_b__list_1__item_ii">
                    <num>(ii)</num>
                    <p>listed in the <ref href="#att_1">Schedule</ref>.</p>
                  </item>
                </blockList>
              </item>
            </blockList>
          </content>
        </section>
        <section eId="sec_2">
          <num>2.</num>
          <heading>Application</heading>
          <subsection eId="sec_2__subsec_1">
            <num>(1)</num>
            <content>
              <p>This Act applies to every operator of critical infrastructure.</p>
            </content>
          </subsection>
          <subsection eId="sec_2__subsec_2">
            <num>(2)</num>
            <intro>
              <p>The Minister may—</p>
            </intro>
            <paragraph eId="sec_2__subsec_2__para_a">
              <num>(a)</num>
              <content>
                <p>declare infrastructure to be critical infrastructure; and</p>
              </content>
            </paragraph>
            <paragraph eId="sec_2__subsec_2__para_b">
              <num>(b)</num>
              <intro>
                <p>prescribe—</p>
              </intro>
              <subparagraph eId="sec_2__subsec_2__para_b__subpara_i">
                <num>(i)</num>
                <content>
                  <p>security standards;</p>
                </content>
              </subparagraph>
              <subparagraph eId="sec_2__subsec_2__para_b__subpara_ii">
                <num>(ii)</num>
                <content>
                  <p>reporting periods,</p>
                </content>
              </subparagraph>
            </paragraph>
            <wrapUp>
              <p>by notice in the <i>Gazette</i>.</p>
            </wrapUp>
          </subsection>
        </section>
      </chapter>
      <chapter eId="chp_2">
        <num>2</num>
        <heading>Duties of operators</heading>
        <section eId="sec_3">
          <num>3.</num>
          <heading>Reporting of incidents</heading>
          <content>
            <p>An operator must report an incident within 72 hours<authorialNote marker="2" placement="bottom"
              eId="sec_3__authorialNote_1"><p>See the Cybercrimes Act, 2020.</p></authorialNote> of becoming aware of it.</p>
          </content>
        </section>
      </chapter>
    </body>
    <attachments>
      <attachment eId="att_1">
        <heading>Schedule</heading>
        <subheading>Sectors of essential services</subheading>
        <doc name="schedule">${META}
          <mainBody>
            <paragraph eId="att_1__para_1">
              <num>1.</num>
              <content>
                <p>Energy.</p>
              </content>
            </paragraph>
            <paragraph eId="att_1__para_2">
              <num>2.</num>
              <content>
                <p>Health care.</p>
              </content>
            </paragraph>
          </mainBody>
        </doc>
      </attachment>
    </attachments>
  </act>
</akomaNtoso>
`;

/** A regulation in LEOS's style. */
export const LEOS_REGULATION = `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0" xmlns:leos="urn:eu:europa:ec:leos">
  <bill name="REG">
    <meta>
      <identification source="~COM">
        <FRBRWork>
          <FRBRthis value="/akn/eu/bill/2024/1/!main"/>
          <FRBRuri value="/akn/eu/bill/2024/1"/>
          <FRBRdate date="2024-01-01" name="creation"/>
          <FRBRauthor href="#COM"/>
          <FRBRcountry value="eu"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="/akn/eu/bill/2024/1/eng@/!main"/>
          <FRBRuri value="/akn/eu/bill/2024/1/eng@"/>
          <FRBRdate date="2024-01-01" name="creation"/>
          <FRBRauthor href="#COM"/>
          <FRBRlanguage language="eng"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="/akn/eu/bill/2024/1/eng@/!main.xml"/>
          <FRBRuri value="/akn/eu/bill/2024/1/eng@/main.xml"/>
          <FRBRdate date="2024-01-01" name="creation"/>
          <FRBRauthor href="#COM"/>
        </FRBRManifestation>
      </identification>
    </meta>
    <preface xml:id="preface">
      <longTitle xml:id="longTitle"><p><docStage>Proposal for a</docStage>
        <docType>REGULATION OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</docType>
        <docPurpose>on the resilience of essential services</docPurpose></p></longTitle>
    </preface>
    <preamble xml:id="preamble">
      <formula name="actingEntity" xml:id="actingEntity"><p>THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,</p></formula>
      <citations leos:editable="true" xml:id="cits">
        <citation xml:id="cit_1"><p>Having regard to the Treaty on the Functioning of the European Union, and in particular Article 114 thereof,</p></citation>
        <citation xml:id="cit_2"><p>Having regard to the opinion of the European Economic and Social Committee<authorialNote marker="1"
          placement="bottom" xml:id="an_1"><p>OJ C 123, 1.1.2024, p. 1.</p></authorialNote>,</p></citation>
      </citations>
      <recitals xml:id="recs">
        <intro xml:id="recs_intro"><p>Whereas:</p></intro>
        <recital xml:id="rec_1"><num>(1)</num><p>Essential services are increasingly interconnected.</p></recital>
        <recital xml:id="rec_2"><num>(2)</num><p>Divergent national rules hamper their protection.</p></recital>
      </recitals>
      <formula name="enactingFormula" xml:id="enactingFormula"><p>HAVE ADOPTED THIS REGULATION:</p></formula>
    </preamble>
    <body xml:id="body">
      <chapter xml:id="chp_1">
        <num>CHAPTER I</num>
        <heading>GENERAL PROVISIONS</heading>
        <article xml:id="art_1">
          <num>Article 1</num>
          <heading>Subject matter and scope</heading>
          <paragraph xml:id="art_1_par_1">
            <num>1.</num>
            <content><p>This Regulation lays down rules on the resilience of essential services.</p></content>
          </paragraph>
          <paragraph xml:id="art_1_par_2">
            <num>2.</num>
            <list xml:id="art_1_par_2_list">
              <intro><p>It applies to:</p></intro>
              <point xml:id="art_1_par_2_pnt_a">
                <num>(a)</num>
                <content><p>operators of essential services;</p></content>
              </point>
              <point xml:id="art_1_par_2_pnt_b">
                <num>(b)</num>
                <list>
                  <intro><p>digital service providers that:</p></intro>
                  <point><num>(i)</num><content><p>are established in the Union; or</p></content></point>
                  <point><num>(ii)</num><content><p>offer services in the Union.</p></content></point>
                </list>
              </point>
            </list>
          </paragraph>
        </article>
        <article xml:id="art_2">
          <num>Article 2</num>
          <heading>Definitions</heading>
          <paragraph xml:id="art_2_par_1">
            <subparagraph><content><p>For the purposes of this Regulation, the following definitions apply:</p></content></subparagraph>
            <subparagraph><content><p>'incident' means any event compromising the availability of a service.</p></content></subparagraph>
          </paragraph>
        </article>
      </chapter>
      <chapter xml:id="chp_2">
        <num>CHAPTER II</num>
        <heading>OBLIGATIONS</heading>
        <article xml:id="art_3">
          <num>Article 3</num>
          <heading>Notification</heading>
          <paragraph xml:id="art_3_par_1">
            <num>1.</num>
            <list>
              <intro><p>Operators shall notify:</p></intro>
              <indent><num>—</num><content><p>the competent authority;</p></content></indent>
              <indent><num>—</num><content><p>the users affected.</p></content></indent>
            </list>
          </paragraph>
        </article>
      </chapter>
    </body>
  </bill>
</akomaNtoso>
`;

/**
 * A decision of a conference of the parties as Indigo's Bluebell writes one: a `statement` whose body
 * opens with the formula as a plain line, divisions with preambular lines in their `intro`.
 */
export const UN_DECISION = `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <statement name="decision">${META}
    <preface>
      <p class="title"><docNumber>14/3.</docNumber> <docTitle>Cooperation on the protection of essential services</docTitle></p>
    </preface>
    <mainBody>
      <p eId="p_1"><i>The Conference of the Parties,</i></p>
      <division eId="dvs_A">
        <num>A.</num>
        <heading>Cooperation with other conventions</heading>
        <intro>
          <p eId="dvs_A__intro__p_1"><i>Noting</i> the report of the Executive Secretary,<sup><authorialNote marker="1"
            placement="bottom" eId="dvs_A__intro__p_1__authorialNote_1"><p>UNEP/CBD/COP/14/3.</p></authorialNote></sup></p>
          <p eId="dvs_A__intro__p_2"><i>Recalling</i> decision XIII/24,</p>
        </intro>
        <paragraph eId="dvs_A__para_1">
          <num>1.</num>
          <content>
            <p><i>Welcomes</i> the cooperation among the secretariats;</p>
          </content>
        </paragraph>
        <paragraph eId="dvs_A__para_2">
          <num>2.</num>
          <content>
            <p><i>Invites</i> Parties:</p>
            <blockList eId="dvs_A__para_2__list_1">
              <item eId="dvs_A__para_2__list_1__item_a"><num>(a)</num><p>To designate national focal points;</p></item>
              <item eId="dvs_A__para_2__list_1__item_b"><num>(b)</num><p>To share information on incidents;</p></item>
            </blockList>
          </content>
        </paragraph>
      </division>
      <division eId="dvs_B">
        <num>B.</num>
        <heading>Review</heading>
        <paragraph eId="dvs_B__para_3">
          <num>3.</num>
          <content>
            <p><i>Decides</i> to review this decision at its sixteenth meeting.</p>
          </content>
        </paragraph>
      </division>
    </mainBody>
  </statement>
</akomaNtoso>
`;
